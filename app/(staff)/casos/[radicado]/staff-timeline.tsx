import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { CaseView } from '@/lib/server/cases/get-case';
import type { CaseStory } from '@/lib/server/cases/case-story';
import { staffAttachmentUrl } from '@/lib/links/attachments';
import { FileList } from '../../../_components/file-list';
import { STAFF_TIMELINE_EVENTS } from '../../../_components/timeline-events';
import { calendarDate } from '@/lib/i18n/formats';

const LABELLED = new Set(STAFF_TIMELINE_EVENTS);

/** Every event with its files, internal ones styled apart from what the petitioner sees. */
export async function StaffTimeline({
  caseId,
  events,
  files,
}: {
  caseId: number;
  events: CaseView['events'];
  files: CaseStory['files'];
}) {
  const t = await getTranslations('staffCase');
  const tDecision = await getTranslations('portal.case.decision');
  const tRoles = await getTranslations('roles');
  const tPostal = await getTranslations('caseStory.postal');
  const format = await getFormatter();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      <ol className="timeline">
        {[...events].reverse().map((e) => {
          const data = (e.data ?? {}) as Record<string, unknown>;
          const isInternal = e.visibility === 'internal';
          return (
            <li key={e.id} className={`timeline-item ${isInternal ? 'timeline-internal' : ''}`}>
              <p className="timeline-head">
                <strong>
                  {t(`events.${LABELLED.has(e.action) ? e.action : 'other'}` as 'events.other')}
                </strong>
                <span className={`badge ${isInternal ? 'badge-paused' : ''}`}>
                  {isInternal ? t('internal') : t('public')}
                </span>
                <span className="muted small">
                  {t('by', { name: e.actorName ?? tRoles(e.actorRole) })} ·{' '}
                  <time dateTime={e.createdAt.toISOString()}>
                    {format.dateTime(e.createdAt, 'instant')}
                  </time>
                </span>
              </p>
              {typeof data.decision === 'string' && (
                <p className="decision">{tDecision(data.decision as 'concede')}</p>
              )}
              {e.action === 'route' && <RoutedLine data={data} t={t} />}
              {e.action === 'returned_to_queue' && typeof data.fromName === 'string' && (
                <p>
                  {t(data.reason === 'away' ? 'returnedAway' : 'returnedDeactivated', {
                    name: data.fromName,
                  })}
                </p>
              )}
              {e.action === 'repeat_offered' && typeof data.openRadicado === 'string' && (
                <p>{t('repeatOfferedLine', { radicado: data.openRadicado })}</p>
              )}
              {e.action === 'identity_completed' && <IdentityLine data={data} t={t} />}
              {typeof data.postedOn === 'string' && (
                <p>
                  {tPostal('posted', {
                    date: calendarDate(format, data.postedOn, 'dayLong'),
                  })}
                </p>
              )}
              {e.body && <p className="prewrap">{e.body}</p>}
              <FileList
                files={files
                  .filter((f) => f.eventId === e.id)
                  .map((f) => ({
                    ...f,
                    href: staffAttachmentUrl(caseId, f.id),
                    isInternal: f.visibility === 'internal',
                    isLetter: f.kind === 'answer_letter',
                  }))}
              />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** "To team X by the rule R" and, when the team assigns automatically, to whom (issue 14). */
function RoutedLine({
  data,
  t,
}: {
  data: Record<string, unknown>;
  t: Awaited<ReturnType<typeof getTranslations<'staffCase'>>>;
}) {
  const team = String(data.teamName ?? '');
  const mode = (['manual', 'round_robin', 'least_open'] as const).find((m) => m === data.mode);
  return (
    <p>
      {typeof data.ruleName === 'string'
        ? t('routedByRule', { team, rule: data.ruleName })
        : t('routedByDefault', { team })}
      {typeof data.assigneeName === 'string' && mode && (
        <> {t('routedTo', { name: data.assigneeName, mode: t(`routedModes.${mode}`) })}</>
      )}
    </p>
  );
}

/** "CC 79123456 · Luis Gómez": who the case turned out to be from. */
function IdentityLine({
  data,
  t,
}: {
  data: Record<string, unknown>;
  t: Awaited<ReturnType<typeof getTranslations<'staffCase'>>>;
}) {
  const after = (data.after ?? {}) as Record<string, unknown>;
  return (
    <p>
      {t('identityCompletedLine', {
        documentType: String(after.documentType ?? ''),
        documentNumber: String(after.documentNumber ?? ''),
        name: String(after.fullName ?? ''),
      })}
    </p>
  );
}
