import { toLocalDate } from '@/lib/domain/calendar';
import { getOrganization } from '@/lib/server/core/organization';
import { queueFilterOptions } from '@/lib/server/cases/queue-options';
import { listQuadrantCases } from '@/lib/server/supervision/quality-quadrant';
import { getQualityView } from '@/lib/server/supervision/quality-view';
import { parseAnalyticsQuery } from '@/lib/validation/analytics-query';
import type { ViewBench, ViewBenchContext } from './types';

function query(ctx: ViewBenchContext, params: Record<string, string> = {}) {
  return parseAnalyticsQuery(params, toLocalDate(ctx.now, getOrganization(ctx.db).timeZone));
}

/** /calidad as the page computes it: the filter's choices, the three families and the quadrant. */
function qualityPage(ctx: ViewBenchContext, params: Record<string, string> = {}): number {
  queueFilterOptions(ctx.db);
  const view = getQualityView(query(ctx, params), { db: ctx.db, now: ctx.now });
  return view.result.total.counts.cases;
}

/** The quality view's benchmarks (see types.ts). */
export const benches: ViewBench[] = [
  { name: 'calidad (30 días, por equipo)', run: (ctx) => qualityPage(ctx) },
  { name: 'calidad por agente', run: (ctx) => qualityPage(ctx, { by: 'agent' }) },
  {
    name: 'calidad cuadrante tarde y bien, pág. 1',
    run: (ctx) => listQuadrantCases(query(ctx), 'late_well', 1, { db: ctx.db, now: ctx.now }).total,
  },
];
