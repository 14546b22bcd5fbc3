import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { currentStaff, requireStaffPage } from '@/lib/server/auth/session';
import { processName, rootCauseView } from '@/lib/server/causes/root-cause-figures';
import { requestCtx, type Ctx } from '@/lib/server/core/context';
import { hasRole } from '@/lib/server/core/guard';
import { getOrganization } from '@/lib/server/core/organization';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';
import { AnalyticsFilters } from '../../_components/figures/analytics-filters';
import { CauseFiguresView, causesHref } from '../cause-figures';
import { calendarDate } from '@/lib/i18n/formats';

type Params = Promise<{ processId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The process named in the URL, or null when the id is not one. */
async function findProcess(ctx: Ctx, raw: string) {
  const id = Number(raw);
  const name =
    Number.isSafeInteger(id) && id > 0 ? await processName(ctx, { processId: id }) : null;
  return name === null ? null : { id, name };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations('causes');
  // Only a caller who may see the page learns the process's name from its title.
  const staff = await currentStaff();
  const process =
    staff && hasRole(staff, 'supervision')
      ? await findProcess(requestCtx(staff), (await params).processId)
      : null;
  return { title: process ? t('drill.title', { process: process.name }) : t('title') };
}

/** One process's complaints by root-cause category: the same figures, one level down. */
export default async function ProcessCausesPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { processId } = await params;
  const ctx = requestCtx(await requireStaffPage('supervision', `/causas/${processId}`));
  const process = await findProcess(ctx, processId);
  if (!process) notFound();
  const { timeZone } = await getOrganization(ctx.db);
  const query = readAnalyticsQuery(await searchParams, timeZone, ctx.now);
  const level = { by: 'rootCause' as const, processId: process.id };
  const view = await rootCauseView(ctx, { query, timeZone, level });
  const t = await getTranslations('causes');
  const format = await getFormatter();
  return (
    <>
      <p>
        <Link href={causesHref('/causas', query)}>← {t('back')}</Link>
      </p>
      <section className="page-head with-actions">
        <div>
          <h1>{t('drill.title', { process: process.name })}</h1>
          <p className="muted">{t('drill.intro')}</p>
          <p>
            {t('period', {
              from: calendarDate(format, query.from),
              to: calendarDate(format, query.to),
            })}
          </p>
        </div>
        <Link
          href={causesHref('/causas/casos', query, { processId: process.id })}
          className="button"
        >
          {t('drill.allCases')}
        </Link>
      </section>
      <AnalyticsFilters
        action={`/causas/${process.id}`}
        query={query}
        fields={['teamId', 'agentId', 'channel']}
      />
      <CauseFiguresView view={view} query={query} level={level} />
    </>
  );
}
