import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { rootCauseView } from '@/lib/server/causes/root-cause-figures';
import { getOrganization } from '@/lib/server/core/organization';
import { requireSupervisorPage } from '@/lib/server/supervision/access';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';
import { AnalyticsFilters } from '../_components/figures/analytics-filters';
import { CauseFiguresView } from './cause-figures';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('causes');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Causa raíz (DOMAIN.md §7): complaints by originating process, supervisors and admins only. */
export default async function CausesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireSupervisorPage('/causas');
  const db = getDb();
  const { timeZone } = getOrganization(db);
  const now = new Date();
  const query = readAnalyticsQuery(await searchParams, timeZone, now);
  const view = rootCauseView(db, query, timeZone, { by: 'process' }, now);
  const t = await getTranslations('causes');
  return (
    <>
      <section className="page-head with-actions">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
          <p>{t('period', { from: query.from, to: query.to })}</p>
        </div>
        <Link href="/causas/problemas" className="button">
          {t('problemsLink')}
        </Link>
      </section>
      <AnalyticsFilters action="/causas" query={query} fields={['teamId', 'agentId', 'channel']} />
      <CauseFiguresView view={view} query={query} level={{ by: 'process' }} />
    </>
  );
}
