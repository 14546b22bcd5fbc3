import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { getReviewContext } from '@/lib/server/supervision/quality-review-list';
import { REVIEW_RUBRIC } from '@/lib/validation/quality-review';
import { qualityFormat } from '../../_components/format';
import '../../quality.css';
import { submitReview } from './actions';
import { ReviewForm } from './review-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('quality.review');
  return { title: t('formTitle') };
}

type Props = {
  params: Promise<{ interactionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One interaction in its case's context, the reviews it has, and the rubric form. */
export default async function ReviewPage({ params, searchParams }: Props) {
  const { interactionId } = await params;
  const reviewer = await requireStaffPage('supervision', `/calidad/revision/${interactionId}`);
  const id = Number(interactionId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  let context;
  try {
    context = await getReviewContext(requestCtx(reviewer), { interactionId: id });
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const isSaved = (await searchParams).guardada === '1';
  const t = await getTranslations('quality.review');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  const fmt = await qualityFormat();
  const { interaction: i, case: c } = context;
  return (
    <div className="quality-view">
      <p>
        <Link href="/calidad/revision">← {t('backToQueue')}</Link>
      </p>
      <section className="page-head">
        <h1>{t('formTitle')}</h1>
        <p className="muted">{t('formLead')}</p>
      </section>
      {isSaved && (
        <p role="status" className="alert alert-ok">
          {t('saved')}
        </p>
      )}
      <section className="card" aria-labelledby="review-case-title">
        <h2 id="review-case-title">
          {t('caseTitle')}{' '}
          <Link href={`/casos/${c.radicado}`} className="mono">
            {c.radicado}
          </Link>
        </h2>
        <p className="muted">
          {tTypes(c.typeCode)} · {tStates(c.state)} ·{' '}
          {t('received', { date: fmt.dateTime(c.receivedAt) })}
          {c.dueDate ? ` · ${t('due', { date: fmt.date(c.dueDate) })}` : ''}
        </p>
        <h3>{c.subject}</h3>
        <p className="prewrap">{c.description}</p>
      </section>
      <section className="card" aria-labelledby="review-interaction-title">
        <h2 id="review-interaction-title">{t('interactionTitle')}</h2>
        <p className="review-meta">
          <strong>{t(`kinds.${i.kind}`)}</strong>
          <span>{t('by', { name: i.staffName ?? '—' })}</span>
          <span className="muted">{fmt.dateTime(i.createdAt)}</span>
          {i.handleSeconds !== null && (
            <span className="muted">
              {t('handleTime', { minutes: fmt.minutes(i.handleSeconds) })}
            </span>
          )}
          {i.isCanned ? <span className="badge badge-at_risk">{t('canned')}</span> : null}
        </p>
        {i.outcome ? <p>{t('outcome', { outcome: i.outcome })}</p> : null}
        {i.body ? (
          <blockquote className="interaction-body">{i.body}</blockquote>
        ) : (
          <p className="muted">{t('noBody')}</p>
        )}
      </section>
      {context.reviews.length > 0 && (
        <section className="card" aria-labelledby="review-existing-title">
          <h2 id="review-existing-title">{t('existingTitle')}</h2>
          <ul className="review-list">
            {context.reviews.map((r) => (
              <li key={r.id}>
                <p className="review-meta">
                  <strong>{r.reviewerName ?? '—'}</strong>
                  <span className="muted">{fmt.dateTime(r.createdAt)}</span>
                </p>
                <p>
                  {REVIEW_RUBRIC.map((k) => `${t(`criteria.${k}`)}: ${r[k] ?? '—'}`).join(' · ')}
                </p>
                {r.comment ? <p className="prewrap">{r.comment}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="review-form-title">
        <h2 id="review-form-title">{t('rubricTitle')}</h2>
        {context.refusal ? (
          <p className="alert alert-info">{t(`refusals.${context.refusal}`)}</p>
        ) : (
          <ReviewForm interactionId={i.id} submit={submitReview} />
        )}
      </section>
    </div>
  );
}
