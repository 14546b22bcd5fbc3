import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { CaseStory } from '@/lib/server/cases/case-story';
import { NOTICE_KINDS } from '@/lib/server/notices/case-notices';
import type { Send } from '@/app/_components/use-form-action';
import { PostingDateForm } from './posting-date-form';

const BADGE = { sent: 'badge-on_track', queued: 'badge-at_risk', failed: 'badge-overdue' } as const;
/** Kinds with a label of their own; anything else reads as 'other'. */
const KNOWN_KINDS = new Set<string>(['constancia', ...NOTICE_KINDS]);

/**
 * "Mensajes enviados": every message queued for the case and where its delivery stands. A letter
 * owed by post (a postal case) is printed from here and its posting day recorded here.
 */
export async function MessagesCard({
  caseId,
  messages,
  postLetter,
  today,
}: {
  caseId: number;
  messages: CaseStory['messages'];
  postLetter: Send<unknown>;
  today: string;
}) {
  const t = await getTranslations('caseStory.messages');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, 'instant');
  return (
    <section className="card" aria-labelledby="messages-title">
      <h2 id="messages-title">{t('title')}</h2>
      {messages.length === 0 ? (
        <p className="muted small">{t('none')}</p>
      ) : (
        <ol className="message-list" data-testid="case-messages">
          {[...messages].reverse().map((m) => (
            <li key={m.id} className="message-item">
              <p className="timeline-head">
                <strong>
                  {t(`kinds.${KNOWN_KINDS.has(m.kind) ? m.kind : 'other'}` as 'kinds.other')}
                </strong>
                <span className={`badge ${BADGE[m.state]}`}>
                  {m.medium === 'letter' && m.state === 'queued'
                    ? t('toPost')
                    : t(`states.${m.state}`)}
                </span>
              </p>
              <p className="small">
                {t(`media.${m.medium}`)} ·{' '}
                <span className="break-all">{t('to', { to: m.to })}</span>
              </p>
              <p className="muted small">
                {m.sentAt
                  ? t('sentAt', { date: when(m.sentAt) })
                  : t('queuedAt', { date: when(m.createdAt) })}
                {/* A letter is posted by hand: no attempts to count. */}
                {m.medium !== 'letter' && ` · ${t('attempts', { count: m.attempts })}`}
                {m.state === 'queued' &&
                  m.attempts > 0 &&
                  ` · ${t('nextAttempt', { date: when(m.nextAttemptAt) })}`}
              </p>
              {m.medium === 'letter' && (
                <div className="letter-actions">
                  <a
                    href={`/api/casos/${caseId}/cartas/${m.id}`}
                    target="_blank"
                    rel="noopener"
                    className="button"
                  >
                    {t('print')}
                  </a>
                  <PostingDateForm
                    id={`posted-${m.id}`}
                    submit={postLetter}
                    postedOn={null}
                    today={today}
                    extra={{ outboxId: String(m.id) }}
                    labels={{ postedOn: t('postedOn'), submit: t('post'), done: t('posted') }}
                  />
                </div>
              )}
              {m.lastError && m.state !== 'sent' && (
                <p className="field-error small break-all">{t('error', { error: m.lastError })}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
