import type { Metadata } from 'next';
import { decodePathSegment } from '@/lib/domain/radicado';
import { systemPromiseKey } from '@/lib/domain/regimes';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { getCaseWithTimeline } from '@/lib/server/cases/get-case';
import { requestCtx } from '@/lib/server/core/context';
import { customerCaseOptions } from '@/lib/server/portal/customer-case-options';
import { noteAnswerShown } from '@/lib/server/portal/answer-shown';
import { requireCaseAccess } from '@/lib/server/portal/portal-session';
import { publicAttachments } from '@/lib/server/portal/public-attachments';
import { answerLetterOf } from '@/lib/server/letters/answer-letter-file';
import { portalAttachmentUrl } from '@/lib/links/attachments';
import { AnswerLetterLink } from '../../../_components/answer-letter-link';
import { askMoreTime, disagree, provideInfo, rateAnswer, requestCallback } from './actions';
import {
  CallbackForm,
  DisagreeForm,
  MoreTimeForm,
  ProvideInfoForm,
  RatingForm,
} from './case-actions';
import { ClientMessages, CLIENT_NAMESPACES } from '@/app/_components/client-messages';
import { CaseTimeline } from './case-timeline';
import { AnswerCard, InfoRequestCard } from './answer-card';
import { calendarDate } from '@/lib/i18n/formats';

type Event = Awaited<ReturnType<typeof getCaseWithTimeline>>['events'][number];
const lastOf = (events: readonly Event[], action: string) =>
  events.findLast((e) => e.action === action);

export async function generateMetadata({
  params,
}: {
  params: Promise<{ radicado: string }>;
}): Promise<Metadata> {
  const t = await getTranslations('portal.case');
  const radicado = decodePathSegment((await params).radicado);
  return { title: t.markup('title', { radicado, r: (chunks) => chunks }) };
}

export default async function CustomerCasePage({
  params,
}: {
  params: Promise<{ radicado: string }>;
}) {
  const access = await requireCaseAccess((await params).radicado);
  const ctx = requestCtx(access.actor);
  const view = await getCaseWithTimeline(ctx, { caseId: access.caseId });
  const options = await customerCaseOptions(ctx, { caseId: access.caseId });
  const files = (await publicAttachments(ctx, { caseId: access.caseId })).map((f) => ({
    ...f,
    href: portalAttachmentUrl(access.radicado, f.id),
  }));
  const letter = await answerLetterOf(ctx, { caseId: access.caseId });
  const t = await getTranslations('portal.case');
  const tStates = await getTranslations('states');
  const tTypes = await getTranslations('types');
  const tDeadline = await getTranslations('deadline');
  const format = await getFormatter();
  const day = (date: string) => calendarDate(format, date, 'dayLong');
  const systemPromiseLabel = (description: string) => {
    const key = systemPromiseKey(description);
    return key ? t(key) : description;
  };
  const daysLeft = view.deadline ? view.deadline.businessDaysLeft : null;
  // What the petitioner came for goes first: the answer, or what we are waiting on from them.
  const answer = ['respondida', 'cerrada'].includes(view.state)
    ? lastOf(view.events, 'answer')
    : undefined;
  // Shown the answer here: that is a delivery, the first one deciding whether it was on time.
  if (answer) await noteAnswerShown(ctx);
  const infoRequest =
    view.state === 'requiere_informacion' ? lastOf(view.events, 'request_info') : undefined;
  const provideInfoForm = options?.canProvideInfo ? (
    <ProvideInfoForm action={provideInfo} radicado={view.radicado} />
  ) : null;
  const otherActions = options?.canRate || options?.canDisagree || options?.canRequestCallback;

  return (
    <ClientMessages namespaces={CLIENT_NAMESPACES.petitionerCase}>
      <section className="card" aria-labelledby="case-title">
        <p className="muted">{tTypes(view.typeCode)}</p>
        <h1 id="case-title">
          {/* The radicado never breaks across lines (issue 17 §4). */}
          {t.rich('title', {
            radicado: view.radicado,
            r: (chunks) => <span className="nowrap">{chunks}</span>,
          })}
        </h1>
        <p className="state-line">
          <span className={`state state-${view.state}`} data-testid="case-state">
            {tStates(view.state)}
          </span>
          <span>{t(`stateHelp.${view.state}`)}</span>
          {view.silenceAcceptedAt && (
            <span className="badge badge-overdue" data-testid="silence-accepted">
              {view.typeCode === 'PD' ? t('acceptedBySilence') : t('positiveSilence')}
            </span>
          )}
        </p>
        <dl className="facts">
          <div>
            <dt>{t('receivedAt')}</dt>
            <dd>{day(view.receivedOn)}</dd>
          </div>
          <div>
            <dt>{t('dueDate')}</dt>
            <dd data-testid="case-due">
              {view.isPaused
                ? tDeadline('paused')
                : view.dueDate
                  ? `${day(view.dueDate)}${view.extendedDueDate ? ` · ${t('extended')}` : ''}`
                  : tDeadline('none')}
            </dd>
          </div>
          {daysLeft !== null &&
            view.deadline &&
            ['radicada', 'en_tramite'].includes(view.state) && (
              <div>
                <dt>{tDeadline(view.deadline.status)}</dt>
                <dd>
                  {view.deadline.status === 'overdue'
                    ? tDeadline('daysOverdue', { count: Math.abs(daysLeft) })
                    : tDeadline('daysLeft', { count: daysLeft })}
                </dd>
              </div>
            )}
        </dl>
        {view.extensionReason && (
          <p className="hint">{t('extensionReason', { reason: view.extensionReason })}</p>
        )}
      </section>

      {answer && (
        <AnswerCard
          answer={answer}
          posted={lastOf(view.events, 'answer_posted')}
          // The letter has its own download card just below: not listed twice.
          files={files.filter((f) => f.kind !== 'answer_letter')}
        />
      )}
      {letter && (
        <AnswerLetterLink
          href={portalAttachmentUrl(view.radicado, letter.id)}
          name={letter.name}
          sizeBytes={letter.sizeBytes}
        />
      )}
      {infoRequest && (
        <InfoRequestCard request={infoRequest} answerBy={options?.answerBy ?? null} files={files}>
          {provideInfoForm}
          {options?.canAskMoreTime && (
            <MoreTimeForm action={askMoreTime} radicado={view.radicado} />
          )}
        </InfoRequestCard>
      )}

      {/* What they asked comes after what we answered or ask of them (issue 17 §6). */}
      <section className="card" aria-labelledby="request-subject">
        <h2 id="request-subject">{t('subject')}</h2>
        <p>{view.subject}</p>
        <h2>{t('description')}</h2>
        <p className="prewrap">{view.description}</p>
      </section>

      {((provideInfoForm && !infoRequest) || otherActions) && (
        <section className="card" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('actionsTitle')}</h2>
          <div className="action-grid">
            {!infoRequest && provideInfoForm}
            {options?.canRate && <RatingForm action={rateAnswer} radicado={view.radicado} />}
            {options?.canDisagree && (
              <DisagreeForm
                action={disagree}
                radicado={view.radicado}
                windowDays={options.disagreementWindowDays}
              />
            )}
            {options?.canRequestCallback && (
              <CallbackForm action={requestCallback} radicado={view.radicado} />
            )}
          </div>
        </section>
      )}
      {options?.hasRated && <p className="alert alert-ok">{t('alreadyRated')}</p>}

      {view.promises.length > 0 && (
        <section className="card" aria-labelledby="promises-title">
          <h2 id="promises-title">{t('promisesTitle')}</h2>
          <ul className="promise-list">
            {view.promises.map((p) => (
              <li key={p.id} className="promise">
                <span>
                  {p.description === 'callback'
                    ? t('callbackPromise')
                    : systemPromiseLabel(p.description)}
                </span>
                <span className="muted">
                  {t('promiseDue', {
                    date: format.dateTime(p.dueAt, 'instant'),
                  })}
                </span>
                <span className={`badge promise-${p.effectiveStatus}`}>
                  {t(`promiseStatus.${p.effectiveStatus}`)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <CaseTimeline events={view.events} files={files} />
    </ClientMessages>
  );
}
