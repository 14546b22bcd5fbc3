import { getTranslations } from '@/lib/i18n/server';
import type { EffortFamily } from '@/lib/server/supervision/quality-effort';
import type { AnalyticsGroup } from '@/lib/validation/analytics-query';
import { BarChartFigure } from '../../_components/figures/charts';
import { Figure } from '../../_components/figures/figure';
import { Kpis } from '@/app/_components/kpis';
import { FamilyHelp } from './family-help';
import { barLayout, type QualityFormat } from './format';

/** EFFORT: handle time per case against each type's target, and the long tail beyond it. */
export async function EffortSection({
  effort,
  by,
  fmt,
}: {
  effort: EffortFamily;
  by: AnalyticsGroup;
  fmt: QualityFormat;
}) {
  const t = await getTranslations('quality.effort');
  const tTypes = await getTranslations('types');
  const tGroups = await getTranslations('supervision.filters.groups');
  const total = effort.total;
  const kpis = [
    {
      label: t('average'),
      value: t('minutesValue', { value: fmt.decimal(total.averageMinutes) }),
      note: t('cases', { count: total.cases }),
    },
    { label: t('totalTime'), value: t('hoursValue', { value: fmt.hours(total.seconds) }) },
    {
      label: t('overTarget'),
      value: fmt.pct(total.overShare),
      note: t('of', { n: fmt.int(total.casesOver), d: fmt.int(total.cases) }),
    },
    {
      label: t('tailShare'),
      value: fmt.pct(total.tailShare),
      note: t('tailNote', { hours: fmt.hours(total.tailSeconds) }),
    },
    {
      label: t('beyond'),
      value: t('minutesValue', { value: fmt.minutes(total.beyondSeconds) }),
    },
  ];
  const typeRows = effort.byType.map((r) => [
    tTypes(r.typeCode),
    fmt.int(r.cases),
    fmt.decimal(r.averageMinutes),
    r.targetMinutes === null ? '—' : fmt.int(r.targetMinutes),
    fmt.pct(r.overShare),
    fmt.pct(r.tailShare),
    fmt.minutes(r.beyondSeconds),
  ]);
  const group = tGroups(by);
  const groupName = group.toLocaleLowerCase();
  const groupRows = effort.groups.map((g) => [
    fmt.group(by, g),
    fmt.int(g.cases),
    fmt.decimal(g.averageMinutes),
    fmt.pct(g.overShare),
    fmt.pct(g.tailShare),
    fmt.minutes(g.beyondSeconds),
  ]);
  return (
    <section className="quality-family" aria-labelledby="effort-title">
      <div className="family-head">
        <h2 id="effort-title">{t('title')}</h2>
        <p className="muted">{t('lead')}</p>
      </div>
      <Kpis label={t('kpis')} items={kpis} />
      <FamilyHelp
        summary={t('help.summary')}
        items={['scope', 'handleTime', 'target', 'tail', 'beyond', 'agent'].map((k) => ({
          term: t(`help.terms.${k}`),
          definition: t(`help.${k}`),
        }))}
      />
      <Figure
        id="effort-types"
        title={t('typesTitle')}
        empty={t('empty')}
        columns={[
          { key: 'type', label: t('columns.type') },
          { key: 'cases', label: t('columns.cases'), numeric: true },
          { key: 'average', label: t('columns.average'), numeric: true },
          { key: 'target', label: t('columns.target'), numeric: true },
          { key: 'over', label: t('columns.over'), numeric: true },
          { key: 'tail', label: t('columns.tail'), numeric: true },
          { key: 'beyond', label: t('columns.beyond'), numeric: true },
        ]}
        rows={typeRows}
        chart={
          <BarChartFigure
            data={effort.byType.map((r) => ({
              label: tTypes(r.typeCode),
              average: r.averageMinutes === null ? null : Math.round(r.averageMinutes * 10) / 10,
              target: r.targetMinutes,
            }))}
            series={[
              { key: 'average', label: t('columns.average') },
              { key: 'target', label: t('columns.target'), color: '#475569' },
            ]}
            summary={t('typesSummary', { count: effort.byType.length })}
            {...barLayout(effort.byType.length, 2)}
          />
        }
      />
      {by === 'type' ? null : (
        <Figure
          id="effort-breakdown"
          title={t('breakdownTitle', { group: groupName })}
          empty={t('empty')}
          columns={[
            { key: 'group', label: group },
            { key: 'cases', label: t('columns.cases'), numeric: true },
            { key: 'average', label: t('columns.average'), numeric: true },
            { key: 'over', label: t('columns.over'), numeric: true },
            { key: 'tail', label: t('columns.tail'), numeric: true },
            { key: 'beyond', label: t('columns.beyond'), numeric: true },
          ]}
          rows={groupRows}
          chart={
            <BarChartFigure
              data={effort.groups.map((g) => ({
                label: fmt.group(by, g),
                tail: fmt.chartPct(g.tailShare),
              }))}
              series={[{ key: 'tail', label: t('columns.tail') }]}
              summary={t('breakdownSummary', { group: groupName, count: effort.groups.length })}
              unit="%"
              max={100}
              {...barLayout(effort.groups.length, 1)}
            />
          }
        />
      )}
    </section>
  );
}
