'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** Colours that keep 3:1 contrast on white and stay apart for the common colour-vision deficiencies. */
export const SERIES_COLORS = ['#0b5cad', '#c2410c', '#1e6b34', '#7e22ce', '#a16207', '#475569'];

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
 * stacked. Drawn with Recharts; the drawing is one image to assistive technology.
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
              <XAxis type="number" domain={domain} unit={unit} />
              <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={{ fontSize: 12 }} />
              <YAxis domain={domain} unit={unit} width={48} />
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
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, max ?? 'auto']} unit={unit} width={48} />
          <Tooltip formatter={(value) => `${String(value)}${unit ?? ''}`} />
          {series.length > 1 ? <Legend /> : null}
          {series.map((s, i) => (
            <Line
              key={s.key}
              type="monotone"
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
