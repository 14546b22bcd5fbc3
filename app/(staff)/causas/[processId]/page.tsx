import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { processName, rootCauseView } from '@/lib/server/causes/root-cause-figures';
import { getOrganization } from '@/lib/server/core/organization';
import { requireSupervisorPage } from '@/lib/server/supervision/access';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';
import { AnalyticsFilters } from '../../_components/figures/analytics-filters';
import { CauseFiguresView, causesHref } from '../cause-figures';

type Params = Promise<{ processId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function processOf(raw: string) {
  const id = Number(raw);
  const name = Number.isSafeInteger(id) && id > 0 ? processName(getDb(), id) : null;
  if (name === null) notFound();
  return { id, name };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations('causes');
  const id = Number((await params).processId);
  const name = Number.isSafeInteger(id) && id > 0 ? processName(getDb(), id) : null;
  return { title: name ? t('drill.title', { process: name }) : t('title') };
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
  await requireSupervisorPage(`/causas/${processId}`);
  const process = processOf(processId);
  const db = getDb();
  const { timeZone } = getOrganization(db);
  const now = new Date();
  const query = readAnalyticsQuery(await searchParams, timeZone, now);
  const level = { by: 'rootCause' as const, processId: process.id };
  const view = rootCauseView(db, query, timeZone, level, now);
  const t = await getTranslations('causes');
  return (
    <>
      <p>
        <Link href={causesHref('/causas', query)}>← {t('back')}</Link>
      </p>
      <section className="page-head with-actions">
        <div>
          <h1>{t('drill.title', { process: process.name })}</h1>
          <p className="muted">{t('drill.intro')}</p>
          <p>{t('period', { from: query.from, to: query.to })}</p>
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
