import type { Metadata } from 'next';
import Link from 'next/link';
import { LiveCase } from '@/app/_components/live';
import { CasePresence } from './case-presence';
import { cache } from 'react';
import { forbidden, notFound } from 'next/navigation';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage, type StaffActor } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { getStaffCasePage } from '@/lib/server/cases/staff-case';
import { answerLetterOf } from '@/lib/server/letters/answer-letter-file';
import { staffAttachmentUrl } from '@/lib/links/attachments';
import { AnswerLetterLink } from '../../../_components/answer-letter-link';
import { DeadlineChip } from '../../../_components/deadline-chip';
import { statusPageMetadata } from '../../../_components/status-metadata';
import { CaseProblems } from '../../causas/problemas/case-problems';
import { CaseQualityPanel } from '../../calidad/_components/case-quality-panel';
import { FileList } from '../../../_components/file-list';
import { actOnCase, actOnPromise, postLetter, previewAnswer, recordPosting } from './actions';
import { AnswerResultCard } from './answer-result-card';
import { ClassificationCard } from './classification-card';
import { CustomerCard } from './customer-card';
import { decideRepeat } from './petitioner-actions';
import { RepeatOffer } from './repeat-offer';
import { MessagesCard } from './messages-card';
import { PostalDeliveryForm } from './postal-delivery-form';
import { RelatedCasesCard } from './related-cases-card';
import { takesFiles } from '@/lib/validation/case-action';
import { CaseActions } from './case-action-list';
import { PromisePanel } from './promise-panel';
import { ServiceLevelLine } from './service-level-line';
import { StaffTimeline } from './staff-timeline';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ radicado: string }>;
}): Promise<Metadata> {
  // The case is read once per request (cached); a refused or unknown one is titled as its page.
  const { radicado } = await params;
  const staff = await requireStaffPage('staff', `/casos/${radicado}`);
  const outcome = await readPage(radicado, staff);
  if (outcome.ok) return { title: outcome.page.view.radicado };
  return statusPageMetadata(outcome.code === 'FORBIDDEN' ? 'forbidden' : 'notFound');
}

const readPage = cache(async (radicado: string, staff: StaffActor) => {
  try {
    return { ok: true as const, page: await getStaffCasePage(requestCtx(staff), { radicado }) };
  } catch (error) {
    if (isAppError(error) && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
      return { ok: false as const, code: error.code };
    }
    throw error;
  }
});

async function loadPage(radicado: string, staff: StaffActor) {
  const outcome = await readPage(radicado, staff);
  if (outcome.ok) return outcome.page;
  return outcome.code === 'FORBIDDEN' ? forbidden() : notFound();
}

export default async function StaffCasePage({ params }: { params: Promise<{ radicado: string }> }) {
  const { radicado } = await params;
  const staff = await requireStaffPage('staff', `/casos/${radicado}`);
  const page = await loadPage(radicado, staff);
  const { view, story } = page;
  const staffData = view.staff!;
  const t = await getTranslations('staffCase');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  const tChannels = await getTranslations('channels');
  const format = await getFormatter();
  const submitCase = actOnCase.bind(null, view.id);
  const templates = page.options.templates;
  const letter = await answerLetterOf(requestCtx(staff), { caseId: view.id });

  // What the agent writes (reply, information request, answer, note) gets the wide column.
  const writingActions = page.actions.filter(takesFiles);
  const sideActions = page.actions.filter((a) => !takesFiles(a));
  const actionProps = {
    submit: submitCase,
    preview: previewAnswer.bind(null, view.id),
    version: staffData.version,
    typeCode: view.typeCode,
    isTransferLate: page.isTransferLate,
    options: { ...page.options, templates },
  };
  return (
    <div className="case-layout">
      <LiveCase caseId={view.id} />
      <div className="case-main">
        <p>
          <Link href="/casos">← {t('back')}</Link>
        </p>
        <CasePresence caseId={view.id} />
        {page.repeatOffer && (
          <RepeatOffer
            submit={decideRepeat.bind(null, view.id, staffData.version)}
            open={page.repeatOffer}
          />
        )}
        <section className="card" aria-labelledby="case-title">
          <p className="muted">
            {tTypes(view.typeCode)}
            {staffData.priority === 'preferente' && <span className="tag"> {t('priority')}</span>}
          </p>
          <h1 id="case-title" className="mono">
            {view.radicado}
          </h1>
          <p className="state-line">
            <span className={`state state-${view.state}`} data-testid="case-state">
              {tStates(view.state)}
            </span>
            {(view.deadline || view.isPaused) && (
              <DeadlineChip
                dueDate={view.dueDate}
                deadline={view.deadline}
                isPaused={view.isPaused}
              />
            )}
            {view.silenceAcceptedAt && (
              <span className="badge badge-overdue" data-testid="silence-accepted">
                {view.typeCode === 'PD' ? t('acceptedBySilence') : t('positiveSilence')}
              </span>
            )}
          </p>
          <p className="muted small">
            {t('received', {
              date: format.dateTime(view.receivedAt, 'instantLong'),
              channel: tChannels(view.channel),
            })}
            {' · '}
            {t('assignee')}:{' '}
            <span data-testid="case-assignee">{page.assigneeName ?? t('unassigned')}</span>
            {page.teamName && ` · ${t('team')}: ${page.teamName}`}
          </p>
          <ServiceLevelLine serviceLevel={page.serviceLevel} />
          <h2>{view.subject}</h2>
          <p className="prewrap">{view.description}</p>
          <FileList
            files={story.files
              .filter((f) => f.eventId === null)
              .map((f) => ({
                ...f,
                href: staffAttachmentUrl(view.id, f.id),
                isInternal: f.visibility === 'internal',
              }))}
          />
        </section>
        {writingActions.length > 0 && (
          <section className="card" aria-labelledby="compose-title">
            <h2 id="compose-title">{t('composeTitle')}</h2>
            <CaseActions actions={writingActions} {...actionProps} />
          </section>
        )}
        {letter && (
          <AnswerLetterLink
            href={staffAttachmentUrl(view.id, letter.id)}
            name={letter.name}
            sizeBytes={letter.sizeBytes}
            printHref={letter.responseMedium === 'postal' ? `/api/casos/${view.id}/carta` : null}
          />
        )}
        {story.answerDelivery && (
          <AnswerResultCard delivery={story.answerDelivery} promises={view.promises} />
        )}
        <MessagesCard
          caseId={view.id}
          messages={story.messages}
          postLetter={postLetter.bind(null, view.id)}
          today={story.today}
        />
        <StaffTimeline caseId={view.id} events={view.events} files={story.files} />
      </div>
      <aside className="case-side">
        {(sideActions.length > 0 || writingActions.length === 0) && (
          <section className="card" aria-labelledby="actions-title">
            <h2 id="actions-title">{t('actionsTitle')}</h2>
            <CaseActions actions={sideActions} {...actionProps} />
          </section>
        )}
        {staffData.responseMedium === 'postal' && story.answerDelivery && (
          <PostalDeliveryForm
            submit={recordPosting.bind(null, view.id)}
            postedOn={story.answerDelivery.postedOn}
            today={story.today}
          />
        )}
        <section className="card" aria-labelledby="promises-title">
          <h2 id="promises-title">{t('promisesTitle')}</h2>
          <PromisePanel
            submit={actOnPromise}
            promises={view.promises.map((p) => ({
              id: p.id,
              description: p.description,
              dueAt: p.dueAt.toISOString(),
              effectiveStatus: p.effectiveStatus,
              renegotiationReason: p.renegotiationReason,
            }))}
          />
        </section>
        <ClassificationCard classification={story.classification} />
        <RelatedCasesCard links={story.links} />
        <CaseProblems caseId={view.id} radicado={view.radicado} />
        <CaseQualityPanel caseId={view.id} viewer={staff} />
        <CustomerCard page={page} />
      </aside>
    </div>
  );
}
