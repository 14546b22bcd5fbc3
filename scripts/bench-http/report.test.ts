import { describe, expect, it } from 'vitest';
import type { Measurement } from './load';
import { allPass, formatLimits, formatRows, percentile, rowPasses, type RowResult } from './report';

const run = (rps: number, extra: Partial<Measurement> = {}): Measurement => ({
  rps,
  p50: 10,
  p95: 20,
  p99: 30,
  answers: rps * 10,
  failures: 0,
  statuses: {},
  ...extra,
});
const row = (rps: number, ceiling: number, goal: number | null, extra = {}): RowResult => ({
  name: 'cola',
  measured: run(rps, extra),
  ceilingName: 'JSON',
  ceiling: run(ceiling),
  goal,
});

describe('bench:http verdicts', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.95)).toBe(95);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('passes a row at or above its ratio, misses it below', () => {
    expect(rowPasses(row(50, 100, 0.5))).toBe(true);
    expect(rowPasses(row(49, 100, 0.5))).toBe(false);
    expect(formatRows([row(49, 100, 0.5)])[2]).toMatch(/0\.49\s+≥ 0\.5 MISS/);
  });

  it('a fast row that answered something else (a redirect to sign-in, a 429) misses', () => {
    const redirected = row(500, 100, 0.5, { failures: 3, statuses: { 307: 3 } });
    expect(rowPasses(redirected)).toBe(false);
    expect(formatRows([redirected])[2]).toContain('307×3');
  });

  it('fails the run on any missed limit', () => {
    const memory = { name: 'RSS', value: 351, unit: 'MB', limit: 350 };
    expect(allPass([row(60, 100, 0.5)], [memory])).toBe(false);
    expect(allPass([row(60, 100, 0.5)], [{ ...memory, value: 350 }])).toBe(true);
    expect(formatLimits([memory])[0]).toMatch(/351\.0 MB\s+meta ≤ 350 MB\s+MISS/);
  });
});
