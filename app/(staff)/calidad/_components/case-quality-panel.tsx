import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import type { StaffActor } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { hasRole } from '@/lib/server/core/guard';
import { listCaseInteractions } from '@/lib/server/supervision/quality-review-list';
import { qualityFormat } from './format';

/**
 * On the case page: what staff sent on this case (replies, answers, requests, calls …) with the
 * time spent on each, and for supervisors a link to review each one they may review.
 */
export async function CaseQualityPanel({ caseId, viewer }: { caseId: number; viewer: StaffActor }) {
  const t = await getTranslations('quality.casePanel');
  const tReview = await getTranslations('quality.review');
  const fmt = await qualityFormat();
  const rows = await listCaseInteractions(requestCtx(viewer), { caseId });
  const isSupervisor = hasRole(viewer, 'supervision');
  return (
    <section className="card" aria-labelledby="case-quality-title">
      <h2 id="case-quality-title">{t('title')}</h2>
      {rows.length === 0 ? (
        <p className="muted small">{t('empty')}</p>
      ) : (
        <ul className="plain-list case-quality-list">
          {rows.map((r) => (
            <li key={r.id}>
              <strong>{tReview(`kinds.${r.kind}`)}</strong> · {r.staffName ?? '—'} ·{' '}
              <span className="muted small">{fmt.dateTime(r.createdAt)}</span>
              <br />
              <span className="small">
                {r.handleSeconds === null
                  ? t('noTime')
                  : tReview('handleTime', { minutes: fmt.minutes(r.handleSeconds) })}
                {r.isCanned ? ` · ${tReview('canned')}` : ''}
                {r.reviews > 0 ? ` · ${t('reviews', { count: r.reviews })}` : ''}
              </span>
              {isSupervisor && r.staffId !== viewer.id && r.reviewedByMe === 0 ? (
                <>
                  <br />
                  <Link
                    href={`/calidad/revision/${r.id}`}
                    aria-label={t('reviewLabel', {
                      kind: tReview(`kinds.${r.kind}`),
                      date: fmt.dateTime(r.createdAt),
                    })}
                  >
                    {t('review')}
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
