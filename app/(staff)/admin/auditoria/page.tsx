import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { auditFilterOptions, searchAuditLog, type AuditPage } from '@/lib/server/admin/audit-log';
import { auditLabels } from '@/lib/server/admin/audit-labels';
import { isAppError } from '@/lib/server/core/errors';
import { auditQueryInput } from '@/lib/validation/admin-records';
import { latestVerification, verificationView } from '@/lib/server/admin/chain-verification';
import { startChainVerification } from './actions';
import { VerifyChain } from './verify-chain';
import '../records.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('adminRecords.audit');
  return { title: t('title') };
}

type Params = Record<string, string | string[] | undefined>;

function toSearchParams(params: Params): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string') out.set(k, v);
  return out;
}

/** The audit history: filters (GET, shareable), newest first, keyset pages, CSV, chain verify. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/auditoria'));
  const t = await getTranslations('adminRecords.audit');
  const tRoles = await getTranslations('roles');
  const tStates = await getTranslations('states');
  const input = auditQueryInput(toSearchParams(await searchParams));
  let page: AuditPage | null = null;
  let invalid: string[] = [];
  try {
    page = await searchAuditLog(ctx, input);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
    invalid = Object.keys(error.fieldErrors ?? {});
  }
  const { staff, actions } = await auditFilterOptions(ctx);
  const label = await auditLabels();
  const actionLabel = (action: string) => label('action', action);
  const latest = await latestVerification(ctx);
  const format = await getFormatter();
  const when = { format: (d: Date) => format.dateTime(d, 'instant') };
  const filters = new URLSearchParams(input);
  filters.delete('before');
  const olderHref = (before: number) => {
    const p = new URLSearchParams(filters);
    p.set('before', String(before));
    return `/admin/auditoria?${p.toString()}`;
  };
  return (
    <div className="records-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <VerifyChain
        initial={latest ? verificationView(latest) : null}
        start={startChainVerification}
      />
      <form method="get" action="/admin/auditoria" className="card" aria-label={t('filters')}>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="actor">{t('actor')}</label>
            <select id="actor" name="actor" defaultValue={input.actor ?? ''}>
              <option value="">{t('anyActor')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({tRoles(s.role)})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="radicado">{t('radicado')}</label>
            <input id="radicado" name="radicado" defaultValue={input.radicado ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="action">{t('action')}</label>
            <select id="action" name="action" defaultValue={input.action ?? ''}>
              <option value="">{t('anyActor')}</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="from">{t('from')}</label>
            <input id="from" name="from" type="date" defaultValue={input.from ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="to">{t('to')}</label>
            <input id="to" name="to" type="date" defaultValue={input.to ?? ''} />
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {t('apply')}
          </button>
          <Link href="/admin/auditoria" className="button">
            {t('clear')}
          </Link>
          <a href={`/api/admin/auditoria?${filters.toString()}`} className="button" download>
            {t('csv')}
          </a>
        </div>
      </form>
      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title">{t('results')}</h2>
        {invalid.length > 0 && (
          <p className="alert alert-error">{t('invalidFilters', { fields: invalid.join(', ') })}</p>
        )}
        {page?.unknownRadicado && (
          <p className="alert alert-info">
            {t('unknownRadicado', { radicado: input.radicado ?? '' })}
          </p>
        )}
        {page && page.rows.length === 0 && <p className="muted">{t('none')}</p>}
        {page && page.rows.length > 0 && (
          <div className="table-scroll">
            <table className="table labelled audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('columns.id')}</th>
                  <th scope="col">{t('columns.when')}</th>
                  <th scope="col">{t('columns.action')}</th>
                  <th scope="col">{t('columns.actor')}</th>
                  <th scope="col">{t('columns.case')}</th>
                  <th scope="col">{t('columns.change')}</th>
                  <th scope="col">{t('columns.body')}</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={r.id}>
                    <td className="mono" data-label={t('columns.id')}>
                      {r.id}
                    </td>
                    <td className="nowrap" data-label={t('columns.when')}>
                      {when.format(r.createdAt)}
                    </td>
                    <td data-label={t('columns.action')}>{actionLabel(r.action)}</td>
                    <td data-label={t('columns.actor')}>{r.actorName ?? tRoles(r.actorRole)}</td>
                    <td className="nowrap" data-label={t('columns.case')}>
                      {r.radicado ? (
                        <Link href={`/casos/${r.radicado}`} className="mono">
                          {r.radicado}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label={t('columns.change')}>
                      {r.toState
                        ? `${r.fromState ? tStates(r.fromState) : '—'} → ${tStates(r.toState)}`
                        : ''}
                      {r.visibility === 'internal' && (
                        <span className="badge">{t('visibility.internal')}</span>
                      )}
                    </td>
                    <td className="audit-body" data-label={t('columns.body')}>
                      {r.body}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pager" aria-label={t('results')}>
          {input.before ? (
            <Link href={`/admin/auditoria?${filters.toString()}`}>{t('newest')}</Link>
          ) : (
            <span />
          )}
          {page?.nextBefore ? <Link href={olderHref(page.nextBefore)}>{t('older')} →</Link> : null}
        </nav>
      </section>
    </div>
  );
}
