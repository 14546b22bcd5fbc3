import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { isAppError } from '@/lib/server/core/errors';
import { searchCases } from '@/lib/server/cases/search-cases';
import { requestCtx } from '@/lib/server/core/context';

/** Results per page; a capped search holds RANK_WINDOW of them. */
const PAGE_SIZE = 20;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('queues');
  return { title: t('search') };
}

const searchHref = (q: string, page: number) =>
  `/casos/buscar?${new URLSearchParams({ q, ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;

/**
 * The staff search: one server render, no loading state (a search answers in a few
 * milliseconds). Results link with plain anchors: a next/link per hit would prefetch every case
 * page of the list.
 */
export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaffPage('staff', '/casos/buscar');
  const t = await getTranslations('queues');
  const tTypes = await getTranslations('types');
  const tStates = await getTranslations('states');
  const params = await searchParams;
  const q = typeof params.q === 'string' ? params.q.trim() : '';
  const page = Number(params.page) > 0 ? Math.floor(Number(params.page)) : 1;
  let result: Awaited<ReturnType<typeof searchCases>> | null = null;
  if (q) {
    try {
      result = await searchCases(requestCtx(staff), { q, page, pageSize: PAGE_SIZE });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  return (
    <>
      <p>
        <Link href="/casos">← {t('backToQueues')}</Link>
      </p>
      <form action="/casos/buscar" method="get" role="search" className="search-form card">
        <div className="field">
          <label htmlFor="q">{t('searchLabel')}</label>
          <input id="q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" className="button">
          {t('search')}
        </button>
      </form>
      {q && (
        <section className="card" aria-labelledby="results-title">
          <h1 id="results-title">{t('searchResults', { q })}</h1>
          {result && (
            <p className="muted">
              {t('resultCount', { total: result.total, capped: String(result.isTotalCapped) })}
              {result.isTotalCapped && <> {t('resultsCapped', { total: result.total })}</>}
            </p>
          )}
          {!result || result.rows.length === 0 ? (
            <p className="muted">{t('noResults')}</p>
          ) : (
            <ol className="results" start={(result.page - 1) * result.pageSize + 1}>
              {result.rows.map((hit) => (
                <li key={hit.id} className="result">
                  <p className="timeline-head">
                    <a href={`/casos/${hit.radicado}`} className="mono">
                      {hit.radicado}
                    </a>
                    <span>{tTypes(hit.typeCode)}</span>
                    <span className="muted">{tStates(hit.state)}</span>
                    {hit.customerName && <span>{hit.customerName}</span>}
                  </p>
                  <p>
                    <strong>{hit.subject}</strong>
                  </p>
                  <p className="muted small">
                    {hit.snippet.map((s, i) =>
                      s.isMatch ? <mark key={i}>{s.text}</mark> : s.text,
                    )}
                  </p>
                </li>
              ))}
            </ol>
          )}
          {result && pages > 1 && (
            <nav className="pager" aria-label={t('resultsPage', { page: result.page, pages })}>
              {result.page > 1 ? (
                <a href={searchHref(q, result.page - 1)}>{t('previous')}</a>
              ) : (
                <span />
              )}
              <span className="muted">{t('resultsPage', { page: result.page, pages })}</span>
              {result.page < pages ? (
                <a href={searchHref(q, result.page + 1)}>{t('next')}</a>
              ) : (
                <span />
              )}
            </nav>
          )}
        </section>
      )}
    </>
  );
}
