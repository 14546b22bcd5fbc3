import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { requireStaffPage } from '@/lib/server/auth/session';
import { queueFilterOptions } from '@/lib/server/cases/queue-options';
import { requestCtx } from '@/lib/server/core/context';
import { listReviewQueue } from '@/lib/server/supervision/quality-review-list';
import { qualityFormat } from '../_components/format';
import { pathWithParams } from '../_components/return-to';
import '../quality.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('quality.review');
  return { title: t('queueTitle') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Recent outbound interactions nobody has reviewed yet, newest first, by agent if chosen. */
export default async function ReviewQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const reviewer = await requireStaffPage(
    'supervision',
    pathWithParams('/calidad/revision', params),
  );
  const agentParam = Number(one(params.agentId));
  const agentId = Number.isInteger(agentParam) && agentParam > 0 ? agentParam : undefined;
  const page = Math.max(1, Number(one(params.page)) || 1);
  const list = await listReviewQueue(requestCtx(reviewer), { agentId, page });
  const t = await getTranslations('quality.review');
  const tTypes = await getTranslations('types');
  const tFilters = await getTranslations('supervision.filters');
  const fmt = await qualityFormat();
  const { staff: everyone } = await queueFilterOptions(requestCtx(reviewer));
  const staff = everyone.filter((s) => s.id !== reviewer.id);
  const pageHref = (p: number) => {
    const search = new URLSearchParams();
    if (agentId) search.set('agentId', String(agentId));
    if (p > 1) search.set('page', String(p));
    const qs = search.toString();
    return qs ? `/calidad/revision?${qs}` : '/calidad/revision';
  };
  return (
    <div className="quality-view">
      <p>
        <Link href="/calidad">← {t('backToView')}</Link>
      </p>
      <section className="page-head">
        <h1>{t('queueTitle')}</h1>
        <p className="muted">{t('queueLead')}</p>
      </section>
      <form
        method="get"
        action="/calidad/revision"
        className="filter-grid card"
        aria-label={tFilters('label')}
      >
        <div className="field">
          <label htmlFor="review-agent">{tFilters('agentId')}</label>
          <select id="review-agent" name="agentId" defaultValue={agentId ? String(agentId) : ''}>
            <option value="">{tFilters('any')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {tFilters('apply')}
          </button>
        </div>
      </form>
      <section className="card" aria-labelledby="queue-list-title">
        <h2 id="queue-list-title">{t('pendingTitle')}</h2>
        {list.rows.length === 0 ? (
          <p className="muted">{t('queueEmpty')}</p>
        ) : (
          <ul className="review-list">
            {list.rows.map((r) => (
              <li key={r.id}>
                <p className="review-meta">
                  <Link href={`/casos/${r.radicado}`} className="mono">
                    {r.radicado}
                  </Link>
                  <span>{tTypes(r.typeCode)}</span>
                  <strong>{t(`kinds.${r.kind}`)}</strong>
                  <span>{t('by', { name: r.staffName ?? '—' })}</span>
                  <span className="muted">{fmt.dateTime(r.createdAt)}</span>
                  {r.handleSeconds !== null && (
                    <span className="muted">
                      {t('handleTime', { minutes: fmt.minutes(r.handleSeconds) })}
                    </span>
                  )}
                  {r.isCanned ? <span className="badge badge-at_risk">{t('canned')}</span> : null}
                </p>
                {r.excerpt ? (
                  <p className="muted">
                    {r.excerpt}
                    {r.excerpt.length >= 160 ? '…' : ''}
                  </p>
                ) : null}
                <p>
                  <Link
                    href={`/calidad/revision/${r.id}`}
                    className="button"
                    aria-label={t('reviewLinkLabel', {
                      radicado: r.radicado,
                      name: r.staffName ?? '—',
                    })}
                  >
                    {t('reviewLink')}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
        {list.page > 1 || list.hasNext ? (
          <nav className="pager" aria-label={t('pages')}>
            {list.page > 1 ? <Link href={pageHref(list.page - 1)}>{t('previous')}</Link> : <span />}
            <span>{t('page', { page: list.page })}</span>
            {list.hasNext ? <Link href={pageHref(list.page + 1)}>{t('next')}</Link> : <span />}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
