import { toLocalDate } from '@/lib/domain/calendar';
import { getOrganization } from '@/lib/server/core/organization';
import { queueFilterOptions } from '@/lib/server/cases/queue-options';
import { makeCtx } from '@/lib/server/core/context';
import { listQuadrantCases } from '@/lib/server/supervision/quality-quadrant';
import { getQualityView } from '@/lib/server/supervision/quality-view';
import { parseAnalyticsQuery } from '@/lib/validation/analytics-query';
import type { ViewBench, ViewBenchContext } from './types';

async function query(ctx: ViewBenchContext, params: Record<string, string> = {}) {
  return parseAnalyticsQuery(
    params,
    toLocalDate(ctx.now, (await getOrganization(ctx.db)).timeZone),
  );
}

const verbCtx = ({ db, supervisor, now }: ViewBenchContext) => makeCtx(db, supervisor, now);

/** /calidad as the page computes it: the filter's choices, the three families and the quadrant. */
async function qualityPage(
  ctx: ViewBenchContext,
  params: Record<string, string> = {},
): Promise<number> {
  await queueFilterOptions(verbCtx(ctx));
  const view = await getQualityView(verbCtx(ctx), await query(ctx, params));
  return view.result.total.counts.cases;
}

/** The quality view's benchmarks (see types.ts). */
export const benches: ViewBench[] = [
  { name: 'calidad (30 días, por equipo)', run: (ctx) => qualityPage(ctx) },
  { name: 'calidad por agente', run: (ctx) => qualityPage(ctx, { by: 'agent' }) },
  {
    name: 'calidad cuadrante tarde y bien, pág. 1',
    run: async (ctx) =>
      (
        await listQuadrantCases(verbCtx(ctx), {
          query: await query(ctx),
          quadrant: 'late_well',
          page: 1,
        })
      ).total,
  },
];
