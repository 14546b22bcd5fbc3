import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { analyticsQueryOf } from '@/lib/server/supervision/filters';
import {
  listQuadrantCases,
  parseQuadrant,
  splitQuadrant,
} from '@/lib/server/supervision/quality-quadrant';
import { analyticsQueryToSearchParams } from '@/lib/validation/analytics-query';
import { DrillDownTable } from '../../_components/figures/drill-down-table';
import { qualityFormat } from '../_components/format';
import { pathWithParams } from '../_components/return-to';
import '../quality.css';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({
  searchParams,
}: {
  searchParams: SearchParams;
}): Promise<Metadata> {
  const t = await getTranslations('quality.quadrant');
  const quadrant = parseQuadrant((await searchParams).quadrant);
  return { title: quadrant ? t(`names.${quadrant}`) : t('title') };
}

/** The cases behind one cell of the quadrant, with the view's filter, and their CSV. */
export default async function QuadrantCasesPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const staff = await requireStaffPage('supervision', pathWithParams('/calidad/casos', params));
  const quadrant = parseQuadrant(params.quadrant);
  if (!quadrant) notFound();
  const ctx = requestCtx(staff);
  const query = await analyticsQueryOf(ctx, params);
  const page = Number(Array.isArray(params.page) ? params.page[0] : params.page) || 1;
  const list = await listQuadrantCases(ctx, { query, quadrant, page });
  const t = await getTranslations('quality.quadrant');
  const tSupervision = await getTranslations('supervision');
  const fmt = await qualityFormat();
  const { timing, treatment } = splitQuadrant(quadrant);
  const withQuadrant = (extra: Record<string, string | number | undefined> = {}) =>
    analyticsQueryToSearchParams(query, { quadrant, ...extra }).toString();
  return (
    <div className="quality-view">
      <p>
        <Link href={`/calidad?${analyticsQueryToSearchParams(query).toString()}`}>
          ← {t('back')}
        </Link>
      </p>
      <section className="page-head">
        <h1>{t(`names.${quadrant}`)}</h1>
        <p className="muted">
          {tSupervision('period', { from: fmt.date(query.from), to: fmt.date(query.to) })}
        </p>
      </section>
      <dl className="quadrant-terms card">
        <div>
          <dt>{t(`terms.${timing === 'on_time' ? 'onTime' : 'late'}`)}</dt>
          <dd>{t(`definitions.${timing === 'on_time' ? 'onTime' : 'late'}`)}</dd>
        </div>
        <div>
          <dt>{t(`terms.${treatment}`)}</dt>
          <dd>{t(`definitions.${treatment}`)}</dd>
        </div>
      </dl>
      <DrillDownTable
        title={t('casesTitle')}
        list={list}
        pageHref={(p) => `/calidad/casos?${withQuadrant({ page: p })}`}
        csvHref={`/api/calidad/casos.csv?${withQuadrant()}`}
      />
    </div>
  );
}
