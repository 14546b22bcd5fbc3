import { getFormatter, getTranslations } from 'next-intl/server';
import type { CaseView } from '@/lib/server/get-case';

const LABELLED = new Set([
  'radicar',
  'take',
  'assign',
  'reply',
  'request_info',
  'provide_info',
  'extend',
  'answer',
  'close',
  'reopen',
  'disagree',
  'transfer',
  'withdraw',
  'withdraw_tacit',
  'merge',
  'add_promise',
  'request_callback',
  'repeat_contact',
  'promise_keep',
  'promise_renegotiate',
  'promise_break',
]);
const STAFF_LABELLED = new Set(['note', 'log_interaction', 'reclassify', 'link']);

/** Every event, with internal ones styled apart from what the petitioner sees. */
export async function StaffTimeline({ events }: { events: CaseView['events'] }) {
  const t = await getTranslations('staffCase');
  const tEvents = await getTranslations('portal.case.events');
  const tDecision = await getTranslations('portal.case.decision');
  const tRoles = await getTranslations('roles');
  const format = await getFormatter();
  const label = (action: string) =>
    STAFF_LABELLED.has(action)
      ? t(`actions.${action}` as 'actions.note')
      : tEvents(LABELLED.has(action) ? action : 'other');
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      <ol className="timeline">
        {[...events].reverse().map((e) => {
          const data = (e.data ?? {}) as Record<string, unknown>;
          return (
            <li
              key={e.id}
              className={`timeline-item ${e.visibility === 'internal' ? 'timeline-internal' : ''}`}
            >
              <p className="timeline-head">
                <strong>{label(e.action)}</strong>
                <span className={`badge ${e.visibility === 'internal' ? 'badge-paused' : ''}`}>
                  {e.visibility === 'internal' ? t('internal') : t('public')}
                </span>
                <span className="muted small">
                  {t('by', { name: e.actorName ?? tRoles(e.actorRole) })} ·{' '}
                  <time dateTime={e.createdAt.toISOString()}>
                    {format.dateTime(e.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                </span>
              </p>
              {typeof data.decision === 'string' && (
                <p className="decision">{tDecision(data.decision as 'concede')}</p>
              )}
              {e.body && <p className="prewrap">{e.body}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
