import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { analyticsQueryOf } from '@/lib/server/supervision/filters';
import { getQualityView } from '@/lib/server/supervision/quality-view';
import { AnalyticsFilters } from '../_components/figures/analytics-filters';
import { EffortSection } from './_components/effort-section';
import { qualityFormat } from './_components/format';
import { ProcessSection } from './_components/process-section';
import { QuadrantSection } from './_components/quadrant-section';
import { ResultSection } from './_components/result-section';
import { pathWithParams } from './_components/return-to';
import './quality.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('quality');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Resultado y atención: result, process and effort as three families, never one score, and the
 * quadrant that sets them against each other (DOMAIN.md §5–6).
 */
export default async function QualityPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ctx = requestCtx(await requireStaffPage('supervision', pathWithParams('/calidad', params)));
  const query = await analyticsQueryOf(ctx, params);
  const view = await getQualityView(ctx, query);
  const t = await getTranslations('quality');
  const tSupervision = await getTranslations('supervision');
  const fmt = await qualityFormat();
  return (
    <div className="quality-view">
      <section className="page-head with-actions">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">
            {tSupervision('period', { from: fmt.date(query.from), to: fmt.date(query.to) })}
            {' · '}
            {t('casesInPeriod', { count: view.result.total.counts.cases })}
          </p>
        </div>
        <Link href="/calidad/revision" className="button">
          {t('review.open')}
        </Link>
      </section>
      <p className="quality-intro">{t('intro')}</p>
      <AnalyticsFilters action="/calidad" query={query} />
      <ResultSection result={view.result} by={query.by} fmt={fmt} />
      <ProcessSection process={view.process} by={query.by} fmt={fmt} />
      <QuadrantSection
        counts={view.quadrant}
        outside={view.outsideQuadrant}
        query={query}
        fmt={fmt}
      />
      <EffortSection effort={view.effort} by={query.by} fmt={fmt} />
    </div>
  );
}
