import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { causePickNames, listCauseCases, readCausePick } from '@/lib/server/causes/cause-cases';
import { requestCtx } from '@/lib/server/core/context';
import { getOrganization } from '@/lib/server/core/organization';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';
import { AnalyticsFilters } from '../../_components/figures/analytics-filters';
import { DrillDownTable } from '../../_components/figures/drill-down-table';
import { causesHref } from '../cause-figures';
import { calendarDate } from '@/lib/i18n/formats';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('causes');
  return { title: t('cases.all') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The complaints behind one row of the root-cause view (process, cause, or none yet). */
export default async function CauseCasesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = requestCtx(await requireStaffPage('supervision', '/causas/casos'));
  const params = await searchParams;
  const { timeZone } = await getOrganization(ctx.db);
  const query = readAnalyticsQuery(params, timeZone, ctx.now);
  const pick = {
    processId: readCausePick(params, 'processId'),
    rootCauseId: readCausePick(params, 'rootCauseId'),
  };
  const page = Number(params.page) || 1;
  const list = await listCauseCases(ctx, { query, timeZone, pick, page });
  const t = await getTranslations('causes');
  const format = await getFormatter();
  const names = await causePickNames(ctx, pick);
  const label = (name: string | null, value: typeof pick.processId, none: string) =>
    value === 'none' ? none : name;
  const title = [
    label(names.process, pick.processId, t('noProcess')),
    label(names.rootCause, pick.rootCauseId, t('noCause')),
  ]
    .filter(Boolean)
    .join(' › ');
  const keep = {
    processId: pick.processId,
    rootCauseId: pick.rootCauseId,
  };
  const back =
    typeof pick.processId === 'number'
      ? causesHref(`/causas/${pick.processId}`, query)
      : causesHref('/causas', query);
  return (
    <>
      <p>
        <Link href={back}>← {t('cases.back')}</Link>
      </p>
      <section className="page-head">
        <h1>{title ? t('cases.title', { name: title }) : t('cases.all')}</h1>
        <p>
          {t('period', {
            from: calendarDate(format, query.from),
            to: calendarDate(format, query.to),
          })}
        </p>
      </section>
      <AnalyticsFilters
        action="/causas/casos"
        query={query}
        fields={['teamId', 'agentId', 'channel']}
        hidden={Object.fromEntries(
          Object.entries(keep)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, String(v)]),
        )}
      />
      <DrillDownTable
        title={t('cases.all')}
        list={list}
        pageHref={(n) => causesHref('/causas/casos', query, { ...keep, page: n })}
        csvHref={causesHref('/api/causas/casos.csv', query, keep)}
      />
    </>
  );
}
