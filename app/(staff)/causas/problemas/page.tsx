import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { PROBLEM_STATUSES } from '@/lib/domain/enums';
import { requireStaffPage } from '@/lib/server/auth/session';
import { listProblems } from '@/lib/server/causes/get-problem';
import { requestCtx } from '@/lib/server/core/context';
import { DataTable } from '../../_components/figures/figure';
import { StatusBadge } from './status-badge';
import '../causes.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('causes.problems');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Problem records, newest first, filtered by status. */
export default async function ProblemsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = requestCtx(await requireStaffPage('supervision', '/causas/problemas'));
  const raw = (await searchParams).status;
  const status = PROBLEM_STATUSES.find((s) => s === raw);
  const rows = await listProblems(ctx, { statuses: status ? [status] : undefined });
  const t = await getTranslations('causes.problems');
  const tCauses = await getTranslations('causes');
  const format = await getFormatter();
  const date = (d: Date | null) => (d ? format.dateTime(d, 'day') : '—');
  return (
    <>
      <p>
        <Link href="/causas">← {tCauses('back')}</Link>
      </p>
      <section className="page-head with-actions">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
        <Link href="/causas/problemas/nuevo" className="button button-primary">
          {t('new')}
        </Link>
      </section>
      <form method="get" action="/causas/problemas" className="card inline-form">
        <div className="field">
          <label htmlFor="status-filter">{t('statusFilter')}</label>
          <select id="status-filter" name="status" defaultValue={status ?? ''}>
            <option value="">{t('allStatuses')}</option>
            {PROBLEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('filter')}
        </button>
      </form>
      <section className="card" aria-labelledby="problems-title">
        <h2 id="problems-title">{t('listLabel')}</h2>
        {rows.length === 0 ? (
          <p className="muted">{t('empty')}</p>
        ) : (
          <DataTable
            caption={t('listLabel')}
            columns={[
              { key: 'title', label: t('columns.title') },
              { key: 'cause', label: t('columns.cause') },
              { key: 'owner', label: t('columns.owner') },
              { key: 'status', label: t('columns.status') },
              { key: 'linked', label: t('columns.linked'), numeric: true },
              { key: 'created', label: t('columns.createdAt') },
              { key: 'resolved', label: t('columns.resolvedAt') },
            ]}
            rows={rows.map((p) => [
              <Link key="t" href={`/causas/problemas/${p.id}`}>
                {p.title}
              </Link>,
              [p.processName, p.rootCauseName].filter(Boolean).join(' › ') || t('noProcess'),
              p.ownerName ?? t('noOwner'),
              <StatusBadge key="s" status={p.status} label={t(`status.${p.status}`)} />,
              p.linkedCases,
              date(p.createdAt),
              date(p.resolvedAt),
            ])}
          />
        )}
      </section>
    </>
  );
}
