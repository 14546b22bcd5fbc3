import { getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import {
  TIMINGS,
  TREATMENTS,
  type QuadrantCounts,
} from '@/lib/server/supervision/quality-quadrant';
import {
  analyticsQueryToSearchParams,
  type AnalyticsQuery,
} from '@/lib/validation/analytics-query';
import { BarChartFigure } from '../../_components/figures/charts';
import { Figure } from '../../_components/figures/figure';
import type { QualityFormat } from './format';

const TREATMENT_COLORS = { well: '#1e6b34', badly: '#b42318', unrated: '#475569' } as const;

/** Result × process per case, each cell a link to its cases. */
export async function QuadrantSection({
  counts,
  outside,
  query,
  fmt,
}: {
  counts: QuadrantCounts;
  outside: number;
  query: AnalyticsQuery;
  fmt: QualityFormat;
}) {
  const t = await getTranslations('quality.quadrant');
  const href = (quadrant: string) =>
    `/calidad/casos?${analyticsQueryToSearchParams(query, { quadrant }).toString()}`;
  const rowTotals = TIMINGS.map((timing) =>
    TREATMENTS.reduce((a, r) => a + counts[`${timing}_${r}`], 0),
  );
  const rows = TIMINGS.map((timing, i) => [
    t(`timing.${timing}`),
    ...TREATMENTS.map((treatment) => {
      const quadrant = `${timing}_${treatment}` as const;
      const n = counts[quadrant];
      return (
        <Link
          key={quadrant}
          href={href(quadrant)}
          aria-label={t('cellLabel', { name: t(`names.${quadrant}`), count: n })}
          data-testid={`quadrant-${quadrant}`}
        >
          {fmt.int(n)}
        </Link>
      );
    }),
    fmt.int(rowTotals[i]!),
  ]);
  return (
    <section className="quality-family" aria-labelledby="quadrant-title">
      <div className="family-head">
        <h2 id="quadrant-title">{t('title')}</h2>
        <p className="muted">{t('lead')}</p>
      </div>
      <Figure
        id="quadrant"
        title={t('figureTitle')}
        description={
          <>
            <dl className="quadrant-terms">
              {(['onTime', 'late', 'well', 'badly', 'unrated'] as const).map((k) => (
                <div key={k}>
                  <dt>{t(`terms.${k}`)}</dt>
                  <dd>{t(`definitions.${k}`)}</dd>
                </div>
              ))}
            </dl>
            <p>{t('outside', { count: outside })}</p>
          </>
        }
        empty={t('empty')}
        columns={[
          { key: 'timing', label: t('timingColumn') },
          ...TREATMENTS.map((r) => ({ key: r, label: t(`treatment.${r}`), numeric: true })),
          { key: 'total', label: t('total'), numeric: true },
        ]}
        rows={rows}
        chart={
          <BarChartFigure
            data={TIMINGS.map((timing) => ({
              label: t(`timing.${timing}`),
              ...Object.fromEntries(TREATMENTS.map((r) => [r, counts[`${timing}_${r}`]])),
            }))}
            series={TREATMENTS.map((r) => ({
              key: r,
              label: t(`treatment.${r}`),
              color: TREATMENT_COLORS[r],
            }))}
            summary={t('summary', {
              onTimeWell: counts.on_time_well,
              onTimeBadly: counts.on_time_badly,
              lateWell: counts.late_well,
              lateBadly: counts.late_badly,
            })}
            // Whole cases on the axis: a bound divisible by its four intervals.
            max={Math.max(4, Math.ceil(Math.max(...rowTotals) / 4) * 4)}
            horizontal
            stacked
            height={180}
          />
        }
      />
    </section>
  );
}
