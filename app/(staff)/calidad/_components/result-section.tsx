import { getTranslations } from '@/lib/i18n/server';
import { RESULT_ANSWERS } from '@/lib/domain/enums';
import type { ResultFamily } from '@/lib/server/supervision/quality-result';
import type { AnalyticsGroup } from '@/lib/validation/analytics-query';
import { BarChartFigure } from '../../_components/figures/charts';
import { Figure } from '../../_components/figures/figure';
import { Kpis } from '@/app/_components/kpis';
import { FamilyHelp } from './family-help';
import { barLayout, type QualityFormat } from './format';

/** RESULT: deadlines, service level, promises, reopenings, repeat contacts and what the customer got. */
export async function ResultSection({
  result,
  by,
  fmt,
}: {
  result: ResultFamily;
  by: AnalyticsGroup;
  fmt: QualityFormat;
}) {
  const t = await getTranslations('quality.result');
  const tGroups = await getTranslations('supervision.filters.groups');
  const { counts: c, ...f } = result.total;
  const of = (n: number, d: number) => t('of', { n: fmt.int(n), d: fmt.int(d) });
  const kpis = [
    { label: t('termsMet'), value: fmt.pct(f.termsMet), note: of(c.onTime, c.termAnswered) },
    { label: t('slaMet'), value: fmt.pct(f.slaMet), note: of(c.slaMet, c.slaAnswered) },
    {
      label: t('promisesKept'),
      value: fmt.pct(f.promisesKept),
      note: of(c.promisesKept, c.promisesKept + c.promisesBroken),
    },
    { label: t('reopenRate'), value: fmt.pct(f.reopenRate), note: of(c.reopened, c.answered) },
    { label: t('repeatRate'), value: fmt.pct(f.repeatRate), note: of(c.repeated, c.cases) },
    {
      label: t('firstContact'),
      value: fmt.pct(f.firstContactResolution),
      note: of(c.firstContact, c.answered),
    },
    {
      label: t('avgDays'),
      value: fmt.decimal(f.avgBusinessDays),
      note: t('answers', { count: c.daysCount }),
    },
    {
      label: t('gotWhatAsked'),
      value: fmt.pct(f.answers.yes),
      note: t('ratings', { count: f.ratings }),
    },
  ];
  const answerRows = RESULT_ANSWERS.map((a) => [
    t(`answer.${a}`),
    fmt.int(c[a]),
    fmt.pct(f.answers[a]),
  ]);
  const group = tGroups(by);
  const groupName = group.toLocaleLowerCase();
  const rows = result.groups.map((g) => [
    fmt.group(by, g),
    fmt.int(g.counts.cases),
    fmt.int(g.counts.answered),
    fmt.pct(g.termsMet),
    fmt.pct(g.slaMet),
    fmt.pct(g.promisesKept),
    fmt.pct(g.reopenRate),
    fmt.pct(g.repeatRate),
    fmt.pct(g.firstContactResolution),
    fmt.decimal(g.avgBusinessDays),
    fmt.pct(g.answers.yes),
  ]);
  return (
    <section className="quality-family" aria-labelledby="result-title">
      <div className="family-head">
        <h2 id="result-title">{t('title')}</h2>
        <p className="muted">{t('lead')}</p>
      </div>
      <Kpis label={t('kpis')} items={kpis} />
      <FamilyHelp
        summary={t('help.summary')}
        items={[
          'scope',
          'termsMet',
          'slaMet',
          'promisesKept',
          'reopenRate',
          'repeatRate',
          'firstContact',
          'avgDays',
          'gotWhatAsked',
        ].map((k) => ({ term: t(`help.terms.${k}`), definition: t(`help.${k}`) }))}
      />
      <Figure
        id="result-answers"
        title={t('answersTitle')}
        description={t('answersDescription')}
        empty={t('noRatings')}
        columns={[
          { key: 'answer', label: t('answerColumn') },
          { key: 'count', label: t('count'), numeric: true },
          { key: 'share', label: t('share'), numeric: true },
        ]}
        rows={f.ratings > 0 ? answerRows : []}
        chart={
          <BarChartFigure
            data={RESULT_ANSWERS.map((a) => ({
              label: t(`answer.${a}`),
              share: fmt.chartPct(f.answers[a]),
            }))}
            series={[{ key: 'share', label: t('share') }]}
            summary={t('answersSummary', {
              yes: fmt.pct(f.answers.yes),
              partly: fmt.pct(f.answers.partly),
              no: fmt.pct(f.answers.no),
            })}
            unit="%"
            max={100}
            height={200}
          />
        }
      />
      <Figure
        id="result-breakdown"
        title={t('breakdownTitle', { group: groupName })}
        empty={t('noCases')}
        columns={[
          { key: 'group', label: group },
          { key: 'cases', label: t('columns.cases'), numeric: true },
          { key: 'answered', label: t('columns.answered'), numeric: true },
          { key: 'termsMet', label: t('columns.termsMet'), numeric: true },
          { key: 'slaMet', label: t('columns.slaMet'), numeric: true },
          { key: 'promisesKept', label: t('columns.promisesKept'), numeric: true },
          { key: 'reopenRate', label: t('columns.reopenRate'), numeric: true },
          { key: 'repeatRate', label: t('columns.repeatRate'), numeric: true },
          { key: 'firstContact', label: t('columns.firstContact'), numeric: true },
          { key: 'avgDays', label: t('columns.avgDays'), numeric: true },
          { key: 'yes', label: t('columns.yes'), numeric: true },
        ]}
        rows={rows}
        chart={
          <BarChartFigure
            data={result.groups.map((g) => ({
              label: fmt.group(by, g),
              termsMet: fmt.chartPct(g.termsMet),
              slaMet: fmt.chartPct(g.slaMet),
              firstContact: fmt.chartPct(g.firstContactResolution),
            }))}
            series={[
              { key: 'termsMet', label: t('columns.termsMet') },
              { key: 'slaMet', label: t('columns.slaMet') },
              { key: 'firstContact', label: t('columns.firstContact') },
            ]}
            summary={t('breakdownSummary', { group: groupName, count: result.groups.length })}
            unit="%"
            max={100}
            {...barLayout(result.groups.length, 3)}
          />
        }
      />
    </section>
  );
}
