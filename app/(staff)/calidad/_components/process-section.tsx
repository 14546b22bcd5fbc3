import { getTranslations } from '@/lib/i18n/server';
import {
  PROCESS_CRITERIA,
  type Distribution,
  type ProcessFamily,
} from '@/lib/server/supervision/quality-process';
import type { AnalyticsGroup } from '@/lib/validation/analytics-query';
import { BarChartFigure } from '../../_components/figures/charts';
import { Figure } from '../../_components/figures/figure';
import { Kpis } from '@/app/_components/kpis';
import { FamilyHelp } from './family-help';
import { barLayout, type QualityFormat } from './format';

const SCORE_COLORS = ['#b42318', '#c2410c', '#a16207', '#1e6b34', '#0b5cad'];

/** PROCESS: how the interactions felt, as distributions with their top box, and canned replies. */
export async function ProcessSection({
  process,
  by,
  fmt,
}: {
  process: ProcessFamily;
  by: AnalyticsGroup;
  fmt: QualityFormat;
}) {
  const t = await getTranslations('quality.process');
  const tGroups = await getTranslations('supervision.filters.groups');
  const total = process.total;
  const { customerCourtesy, customerClarity } = total.criteria;
  const avgNote = (d: Distribution) =>
    d.total === 0
      ? t('noRatingsYet')
      : t('topBoxNote', { share: fmt.pct(d.topBox), count: d.total });
  const kpis = [
    {
      label: t('customerCourtesy'),
      value: fmt.decimal(customerCourtesy.average),
      note: avgNote(customerCourtesy),
    },
    {
      label: t('customerClarity'),
      value: fmt.decimal(customerClarity.average),
      note: avgNote(customerClarity),
    },
    {
      label: t('review'),
      value: fmt.decimal(total.review.average),
      note:
        total.reviews === 0
          ? t('noReviewsYet')
          : t('reviewNote', { share: fmt.pct(total.review.topBox), count: total.reviews }),
    },
    {
      label: t('canned'),
      value: fmt.pct(total.cannedShare),
      note: t('of', { n: fmt.int(total.canned), d: fmt.int(total.replies) }),
    },
  ];
  const criterionLabel = (key: string) => t(`criteria.${key}`);
  const distributionRows = PROCESS_CRITERIA.filter((c) => total.criteria[c.key].total > 0).map(
    (c) => {
      const d = total.criteria[c.key];
      return [
        criterionLabel(c.key),
        ...d.counts.map((n) => fmt.int(n)),
        fmt.int(d.total),
        fmt.decimal(d.average),
        fmt.pct(d.topBox),
      ];
    },
  );
  const group = tGroups(by);
  const groupName = group.toLocaleLowerCase();
  const groupRows = process.groups.map((g) => [
    fmt.group(by, g),
    `${fmt.decimal(g.criteria.customerCourtesy.average)} · ${fmt.pct(g.criteria.customerCourtesy.topBox)}`,
    `${fmt.decimal(g.criteria.customerClarity.average)} · ${fmt.pct(g.criteria.customerClarity.topBox)}`,
    fmt.int(g.customerRatings),
    `${fmt.decimal(g.review.average)} · ${fmt.pct(g.review.topBox)}`,
    fmt.int(g.reviews),
    fmt.pct(g.cannedShare),
  ]);
  return (
    <section className="quality-family" aria-labelledby="process-title">
      <div className="family-head">
        <h2 id="process-title">{t('title')}</h2>
        <p className="muted">{t('lead')}</p>
      </div>
      <Kpis label={t('kpis')} items={kpis} />
      <FamilyHelp
        summary={t('help.summary')}
        items={['scope', 'distribution', 'review', 'canned', 'agent'].map((k) => ({
          term: t(`help.terms.${k}`),
          definition: t(`help.${k}`),
        }))}
      />
      <Figure
        id="process-distribution"
        title={t('distributionTitle')}
        description={t('distributionDescription')}
        empty={t('noRatings')}
        columns={[
          { key: 'criterion', label: t('criterion') },
          ...[1, 2, 3, 4, 5].map((s) => ({
            key: `s${s}`,
            label: t('score', { score: s }),
            numeric: true,
          })),
          { key: 'n', label: t('ratings'), numeric: true },
          { key: 'avg', label: t('average'), numeric: true },
          { key: 'top', label: t('topBox'), numeric: true },
        ]}
        rows={distributionRows}
        chart={
          <BarChartFigure
            data={PROCESS_CRITERIA.filter((c) => total.criteria[c.key].total > 0).map((c) => {
              const d = total.criteria[c.key];
              return {
                label: criterionLabel(c.key),
                ...Object.fromEntries(
                  d.counts.map((n, i) => [`s${i + 1}`, fmt.chartPct(n / d.total)]),
                ),
              };
            })}
            series={[1, 2, 3, 4, 5].map((s) => ({
              key: `s${s}`,
              label: t('scoreLegend', { score: s }),
              color: SCORE_COLORS[s - 1],
            }))}
            summary={t('distributionSummary', {
              courtesy: fmt.pct(customerCourtesy.topBox),
              clarity: fmt.pct(customerClarity.topBox),
              review: fmt.pct(total.review.topBox),
            })}
            unit="%"
            max={100}
            horizontal
            stacked
            height={60 + distributionRows.length * 36}
          />
        }
      />
      <Figure
        id="process-breakdown"
        title={t('breakdownTitle', { group: groupName })}
        description={t('breakdownDescription')}
        empty={t('noRatings')}
        columns={[
          { key: 'group', label: group },
          { key: 'courtesy', label: t('columns.courtesy'), numeric: true },
          { key: 'clarity', label: t('columns.clarity'), numeric: true },
          { key: 'customerRatings', label: t('columns.customerRatings'), numeric: true },
          { key: 'review', label: t('columns.review'), numeric: true },
          { key: 'reviews', label: t('columns.reviews'), numeric: true },
          { key: 'canned', label: t('columns.canned'), numeric: true },
        ]}
        rows={groupRows}
        chart={
          <BarChartFigure
            data={process.groups.map((g) => ({
              label: fmt.group(by, g),
              courtesy: fmt.chartPct(g.criteria.customerCourtesy.topBox),
              clarity: fmt.chartPct(g.criteria.customerClarity.topBox),
              review: fmt.chartPct(g.review.topBox),
            }))}
            series={[
              { key: 'courtesy', label: t('columns.courtesyTop') },
              { key: 'clarity', label: t('columns.clarityTop') },
              { key: 'review', label: t('columns.reviewTop') },
            ]}
            summary={t('breakdownSummary', { group: groupName, count: process.groups.length })}
            unit="%"
            max={100}
            {...barLayout(process.groups.length, 3)}
          />
        }
      />
    </section>
  );
}
