/**
 * The printed table of `npm run bench:http`: each row beside the ceiling measured just before it,
 * the ratio against its goal; then memory, page weights and the contention runs.
 */
import type { Measurement } from './load';

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export interface RowResult {
  name: string;
  measured: Measurement;
  ceilingName: string;
  ceiling: Measurement;
  /** The least ratio to the ceiling's req/s that passes (null: shown for reference only). */
  goal: number | null;
}

export interface LimitResult {
  name: string;
  value: number;
  unit: string;
  /** The most that passes. */
  limit: number;
  detail?: string;
}

const num = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const ms = (value: number) => num(value, value < 10 ? 1 : 0);

export const ratioOf = (row: RowResult) => row.measured.rps / row.ceiling.rps;

/** A row passes when its ratio meets the goal and nothing but the expected answer came back. */
export function rowPasses(row: RowResult): boolean {
  if (row.measured.failures > 0 || row.ceiling.failures > 0) return false;
  return row.goal === null || ratioOf(row) >= row.goal;
}

const limitPasses = (item: LimitResult) => item.value <= item.limit;

function verdict(isPass: boolean, hasGoal = true): string {
  if (!hasGoal) return '';
  return isPass ? 'PASS' : 'MISS';
}

function failures(m: Measurement): string {
  if (m.failures === 0) return '';
  const codes = Object.entries(m.statuses)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  return `  (${m.failures} sin la respuesta esperada${codes ? `: ${codes}` : ''})`;
}

export function formatRows(rows: readonly RowResult[]): string[] {
  const head = [
    'fila'.padEnd(48),
    'req/s'.padStart(7),
    'p50'.padStart(6),
    'p95'.padStart(6),
    'p99'.padStart(6),
    ' techo'.padEnd(30),
    'req/s'.padStart(7),
    'razón'.padStart(6),
    'meta'.padStart(7),
    '',
  ].join(' ');
  const lines = [head, '-'.repeat(head.length + 4)];
  for (const row of rows) {
    const m = row.measured;
    lines.push(
      [
        row.name.padEnd(48),
        num(m.rps, 1).padStart(7),
        ms(m.p50).padStart(6),
        ms(m.p95).padStart(6),
        ms(m.p99).padStart(6),
        ` ${row.ceilingName}`.padEnd(30),
        num(row.ceiling.rps, 1).padStart(7),
        num(ratioOf(row), 2).padStart(6),
        (row.goal === null ? '—' : `≥ ${row.goal}`).padStart(7),
        verdict(rowPasses(row), row.goal !== null || m.failures > 0),
      ].join(' ') +
        failures(m) +
        failures(row.ceiling),
    );
  }
  lines.push('(latencias en ms; cada techo medido justo antes de su fila, en la misma corrida)');
  return lines;
}

export function formatLimits(items: readonly LimitResult[]): string[] {
  return items.map(
    (item) =>
      `${item.name.padEnd(52)} ${`${num(item.value, 1)} ${item.unit}`.padStart(12)}   meta ≤ ${item.limit} ${item.unit}  ${verdict(limitPasses(item))}${item.detail ? `  (${item.detail})` : ''}`,
  );
}

export function allPass(rows: readonly RowResult[], limits: readonly LimitResult[]): boolean {
  return rows.every(rowPasses) && limits.every(limitPasses);
}
