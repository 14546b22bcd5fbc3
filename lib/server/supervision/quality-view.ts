import 'server-only';
import type { AnalyticsQuery } from '@/lib/validation/analytics-query';
import { effortFamily, type EffortFamily } from './quality-effort';
import { processFamily, type ProcessFamily } from './quality-process';
import { quadrantCounts, type QuadrantCounts } from './quality-quadrant';
import { resultFamily, type ResultFamily } from './quality-result';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { scopeOf } from './quality-shared';

/**
 * Everything /calidad shows for one filter: result, process and effort as three families that
 * are never merged into one score, and the quadrant that sets result against process.
 */
export interface QualityView {
  result: ResultFamily;
  process: ProcessFamily;
  effort: EffortFamily;
  quadrant: QuadrantCounts;
  /** Cases of the period outside the quadrant (no verdict on time yet, or none possible). */
  outsideQuadrant: number;
}

export async function getQualityView(ctx: Ctx, query: AnalyticsQuery): Promise<QualityView> {
  requireRole(ctx.actor, 'supervision');
  const scope = await scopeOf(ctx, query);
  const [result, quadrant, process, effort] = await Promise.all([
    resultFamily(scope),
    quadrantCounts(scope),
    processFamily(scope),
    effortFamily(scope),
  ]);
  const inQuadrant = Object.values(quadrant).reduce((a, n) => a + n, 0);
  return {
    result,
    process,
    effort,
    quadrant,
    outsideQuadrant: result.total.counts.cases - inQuadrant,
  };
}
