import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { rootCauseView } from '@/lib/server/causes/root-cause-figures';
import { requestCtx } from '@/lib/server/core/context';
import { getOrganization } from '@/lib/server/core/organization';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';
import { AnalyticsFilters } from '../_components/figures/analytics-filters';
import { CauseFiguresView } from './cause-figures';
import { calendarDate } from '@/lib/i18n/formats';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('causes');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Causa raíz (DOMAIN.md §7): complaints by originating process, supervisors and admins only. */
export default async function CausesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = requestCtx(await requireStaffPage('supervision', '/causas'));
  const { timeZone } = await getOrganization(ctx.db);
  const query = readAnalyticsQuery(await searchParams, timeZone, ctx.now);
  const view = await rootCauseView(ctx, { query, timeZone, level: { by: 'process' } });
  const t = await getTranslations('causes');
  const format = await getFormatter();
  return (
    <>
      <section className="page-head with-actions">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
          <p>
            {t('period', {
              from: calendarDate(format, query.from),
              to: calendarDate(format, query.to),
            })}
          </p>
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
