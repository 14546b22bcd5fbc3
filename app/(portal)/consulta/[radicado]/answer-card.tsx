import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import type { CaseView } from '@/lib/server/cases/get-case';
import { PublicFiles, type PublicFile } from './case-timeline';
import { calendarDate } from '@/lib/i18n/formats';

type Event = CaseView['events'][number];

/**
 * What the petitioner came for, above the history: the answer (decision, text and files) once the
 * case is answered, and when it was posted for a postal answer.
 */
export async function AnswerCard({
  answer,
  posted,
  files,
}: {
  answer: Event;
  posted: Event | undefined;
  files: readonly PublicFile[];
}) {
  const t = await getTranslations('caseStory.portal');
  const tDecision = await getTranslations('portal.case.decision');
  const format = await getFormatter();
  const decision = typeof answer.data?.decision === 'string' ? answer.data.decision : null;
  const postedOn = typeof posted?.data?.postedOn === 'string' ? posted.data.postedOn : null;
  return (
    <section className="card card-answer" aria-labelledby="answer-title" data-testid="answer">
      <h2 id="answer-title">{t('answerTitle')}</h2>
      <p className="muted small">
        {t('answeredOn', {
          date: format.dateTime(answer.createdAt, 'instantLong'),
        })}
      </p>
      {decision && <p className="decision">{tDecision(decision as 'concede')}</p>}
      {answer.body && <p className="prewrap">{answer.body}</p>}
      <PublicFiles files={files} eventId={answer.id} />
      {postedOn && (
        <p className="hint">
          {t('posted', {
            date: calendarDate(format, postedOn, 'dayLong'),
          })}
        </p>
      )}
    </section>
  );
}

/** An open information request, its text and files, with the reply box right under it. */
export async function InfoRequestCard({
  request,
  answerBy,
  files,
  children,
}: {
  request: Event;
  /** The last day to send it (org-local), the extra month included once asked. */
  answerBy: { date: string; withMoreTime: boolean } | null;
  files: readonly PublicFile[];
  children: ReactNode;
}) {
  const t = await getTranslations('caseStory.portal');
  const format = await getFormatter();
  return (
    <section
      className="card card-answer"
      aria-labelledby="info-request-title"
      data-testid="info-request"
    >
      <h2 id="info-request-title">{t('infoRequestTitle')}</h2>
      <p className="muted small">
        {t('infoRequestedOn', { date: format.dateTime(request.createdAt, 'dayLong') })}
      </p>
      {request.body && <p className="prewrap">{request.body}</p>}
      {answerBy && (
        <p data-testid="answer-by">
          {t(answerBy.withMoreTime ? 'answerByWithMoreTime' : 'answerBy', {
            date: calendarDate(format, answerBy.date, 'dayLong'),
          })}
        </p>
      )}
      <PublicFiles files={files} eventId={request.id} />
      {children}
    </section>
  );
}
