import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { isAppError } from '@/lib/server/core/errors';
import { searchCases } from '@/lib/server/cases/search-cases';
import { requestCtx } from '@/lib/server/core/context';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('queues');
  return { title: t('search') };
}

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
  const page = Number(params.page) > 0 ? Number(params.page) : 1;
  let result: Awaited<ReturnType<typeof searchCases>> | null = null;
  if (q) {
    try {
      result = await searchCases(requestCtx(staff), { q, page, pageSize: 25 });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
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
            <ol className="results">
              {result.rows.map((hit) => (
                <li key={hit.id} className="result">
                  <p className="timeline-head">
                    <Link href={`/casos/${hit.radicado}`} className="mono">
                      {hit.radicado}
                    </Link>
                    <span>{tTypes(hit.typeCode)}</span>
                    <span className="muted">{tStates(hit.state)}</span>
                    {hit.customerName && <span>{hit.customerName}</span>}
                  </p>
                  <p>
                    <strong>{hit.subject}</strong>
                  </p>
                  <p className="muted small">
                    {hit.snippet.map((s, i) =>
                      s.isMatch ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
                    )}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </>
  );
}
