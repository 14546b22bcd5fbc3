'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * Ten colours, one per series of the widest chart (nine channels): the Okabe–Ito hues that stay
 * apart for the common colour-vision deficiencies, darkened where needed to keep 3:1 on white
 * (WCAG 1.4.11), then indigo, wine, olive and grey.
 */
export const SERIES_COLORS = [
  '#0072b2', // blue
  '#d55e00', // vermillion
  '#007a5a', // bluish green
  '#b0407e', // reddish purple
  '#8a6100', // ochre
  '#3b9ad6', // sky
  '#332288', // indigo
  '#882255', // wine
  '#6f6f00', // olive
  '#4d4d4d', // grey
];

export interface Series {
  key: string;
  label: string;
  color?: string;
}

export type Datum = { label: string } & Record<string, string | number | null>;

interface ChartProps {
  data: readonly Datum[];
  series: readonly Series[];
  /** One sentence read by screen readers instead of the drawing (the table holds the numbers). */
  summary: string;
  height?: number;
  /** Appended to values in the tooltip and axis, e.g. '%'. */
  unit?: string;
  /** Upper bound of the value axis (100 for percentages). */
  max?: number;
}

function colorOf(series: Series, i: number): string {
  return series.color ?? SERIES_COLORS[i % SERIES_COLORS.length]!;
}

/**
 * Bars per category (horizontal bars when `horizontal`, e.g. a long list of processes), optionally
 * stacked. Drawn with Recharts; the drawing is one image to assistive technology. Axes tick whole
 * numbers (counts are never "0.75 cases").
 */
export function BarChartFigure({
  data,
  series,
  summary,
  height = 260,
  unit,
  max,
  horizontal = false,
  stacked = false,
}: ChartProps & { horizontal?: boolean; stacked?: boolean }) {
  const domain: [number, number | 'auto'] = [0, max ?? 'auto'];
  return (
    <div role="img" aria-label={summary} className="chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data as Datum[]}
          layout={horizontal ? 'vertical' : 'horizontal'}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#d6dae0" />
          {horizontal ? (
            <>
              <XAxis type="number" domain={domain} unit={unit} allowDecimals={false} />
              <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} />
            </>
          ) : (
            <>
              {/* Labels that would touch are skipped, the first and last always kept. */}
              <XAxis
                dataKey="label"
                tick={{ fontSize: 12 }}
                interval="preserveStartEnd"
                minTickGap={12}
              />
              <YAxis domain={domain} unit={unit} width={48} allowDecimals={false} />
            </>
          )}
          <Tooltip formatter={(value) => `${String(value)}${unit ?? ''}`} />
          {series.length > 1 ? <Legend /> : null}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={colorOf(s, i)}
              stackId={stacked ? 'stack' : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A trend over time (weeks, months): one line per series. */
export function LineChartFigure({ data, series, summary, height = 240, unit, max }: ChartProps) {
  return (
    <div role="img" aria-label={summary} className="chart">
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={data as Datum[]}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#d6dae0" />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 12 }}
            interval="preserveStartEnd"
            minTickGap={12}
          />
          <YAxis domain={[0, max ?? 'auto']} unit={unit} width={48} allowDecimals={false} />
          <Tooltip formatter={(value) => `${String(value)}${unit ?? ''}`} />
          {series.length > 1 ? <Legend /> : null}
          {series.map((s, i) => (
            <Line
              key={s.key}
              // Straight segments: a curve would invent values between the weeks.
              type="linear"
              dataKey={s.key}
              name={s.label}
              stroke={colorOf(s, i)}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * The Pareto chart: bars for the cases of each process or cause, largest first, and the line of
 * their cumulative share on its own 0–100 % axis (the few that make most of the complaints).
 */
export function ParetoChartFigure({
  data,
  bars,
  cumulative,
  summary,
  height,
}: {
  data: readonly Datum[];
  bars: Series;
  cumulative: Series;
  summary: string;
  height: number;
}) {
  return (
    <div role="img" aria-label={summary} className="chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={data as Datum[]}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#d6dae0" />
          <XAxis xAxisId="n" type="number" allowDecimals={false} />
          <XAxis xAxisId="pct" type="number" orientation="top" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar
            xAxisId="n"
            dataKey={bars.key}
            name={bars.label}
            fill={colorOf(bars, 0)}
            isAnimationActive={false}
          />
          <Line
            xAxisId="pct"
            type="linear"
            dataKey={cumulative.key}
            name={cumulative.label}
            stroke={colorOf(cumulative, 1)}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
