import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type {
  ReportColumn,
  ReportSection,
  ReportTable,
  TableValue,
} from '@/lib/server/reports/report-tables';
import { BarChartFigure, type Datum } from '../_components/figures/charts';
import { Figure } from '../_components/figures/figure';

/** Which columns each section draws (the rest are in its table only), and whether bars stack. */
const CHARTS: Record<ReportSection, { series: 'all' | readonly string[]; stacked?: boolean }> = {
  received: { series: 'all', stacked: true },
  answers: {
    series: ['onTime', 'late', 'awaitingDelivery', 'answeredNoTerm', 'unanswered'],
    stacked: true,
  },
  time: { series: ['averageBusinessDays'] },
  // Transferred, withdrawn and merged are end states and a denied case was answered: they add up.
  outcomes: { series: 'all', stacked: true },
  open: { series: 'all' },
  causes: { series: ['complaints'] },
  problems: { series: ['linkedCases'] },
};

/** At most this many bars in a chart of causes or problems; the table has them all. */
const MAX_BARS = 10;

/**
 * The value axis's end: a multiple of 4, so its five ticks fall on whole numbers (counts never read
 * "0.75"); 4 at least.
 */
function axisMax(data: readonly Datum[], keys: readonly string[], stacked: boolean): number {
  const values = data.map((d) => {
    const numbers = keys.map((k) => Number(d[k] ?? 0));
    return stacked ? numbers.reduce((a, b) => a + b, 0) : Math.max(0, ...numbers);
  });
  return Math.max(4, Math.ceil(Math.max(0, ...values) / 4) * 4);
}

/** Room for the bars (thicker when grouped) and for a legend that wraps on a phone. */
function chartHeight(rows: number, series: number, stacked: boolean): number {
  const perRow = series > 1 && !stacked ? 24 * series + 16 : 44;
  const legend = series > 1 ? 28 * Math.ceil(series / 2) : 0;
  return Math.max(140, rows * perRow + 50 + legend);
}

/** Each section of the report: title, what it counts, a chart and the same numbers as a table. */
export async function ReportSections({
  tables,
  hasCases,
}: {
  tables: readonly ReportTable[];
  hasCases: boolean;
}) {
  const t = await getTranslations('reports');
  const format = await getFormatter();
  const show = (value: TableValue, column: ReportColumn): string => {
    if (value === null || value === '') return t('none');
    if (typeof value === 'string') return value;
    if (column.kind === 'percent') return `${format.number(value, { maximumFractionDigits: 1 })} %`;
    return format.number(value, { maximumFractionDigits: 1 });
  };
  return (
    <div className="report-sections">
      {tables.map((table) => {
        const perType = table.hasTotalRow;
        const rows = perType && !hasCases ? [] : table.rows;
        const config = CHARTS[table.key];
        const series = table.columns
          .slice(1)
          .map((column, i) => ({ column, index: i + 1 }))
          .filter(({ column }) =>
            config.series === 'all'
              ? column.key !== 'total' && column.kind !== 'percent'
              : config.series.includes(column.key),
          );
        const charted = (table.hasTotalRow ? rows.slice(0, -1) : rows).slice(0, MAX_BARS);
        const data: Datum[] = charted.map((row) => ({
          label: String(row[0]),
          ...Object.fromEntries(series.map(({ column, index }) => [column.key, row[index] ?? 0])),
        }));
        const values = charted
          .map(
            (row) =>
              `${row[0]}: ${series.map(({ column, index }) => `${column.label} ${show(row[index] ?? null, column)}`).join(', ')}`,
          )
          .join('; ');
        const keys = series.map(({ column }) => column.key);
        const stacked = config.stacked ?? false;
        return (
          <Figure
            key={table.key}
            id={`seccion-${table.key}`}
            title={table.title}
            description={t(`sections.${table.key}.description`)}
            empty={table.key === 'problems' ? t('sections.problems.empty') : t('noData')}
            columns={table.columns.map((c) => ({
              key: c.key,
              label: c.label,
              numeric: c.kind !== undefined,
            }))}
            rows={rows.map((row) => row.map((value, i) => show(value, table.columns[i]!)))}
            chart={
              <BarChartFigure
                horizontal
                stacked={stacked}
                max={axisMax(data, keys, stacked)}
                data={data}
                series={series.map(({ column }) => ({ key: column.key, label: column.label }))}
                summary={t('chartSummary', { title: table.title, values })}
                height={chartHeight(data.length, keys.length, stacked)}
              />
            }
          />
        );
      })}
    </div>
  );
}
