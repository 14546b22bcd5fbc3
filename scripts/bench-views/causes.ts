import { getOrganization } from '@/lib/server/core/organization';
import { rootCauseView } from '@/lib/server/causes/root-cause-figures';
import { queueFilterOptions } from '@/lib/server/cases/queue-options';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';
import type { ViewBench, ViewBenchContext } from './types';
import { makeCtx } from '@/lib/server/core/context';

/** The process with the most complaints: the heaviest drill-down. */
function busiestProcess({ db }: ViewBenchContext): number {
  return db.$client
    .prepare(
      `SELECT process_id FROM cases WHERE process_id IS NOT NULL AND type_code IN ('Q', 'R')
       GROUP BY process_id ORDER BY count(*) DESC LIMIT 1`,
    )
    .pluck()
    .get() as number;
}

async function view(ctx: ViewBenchContext, params: Record<string, string>, processId?: number) {
  const verbCtx = makeCtx(ctx.db, ctx.supervisor, ctx.now);
  const timeZone = (await getOrganization(ctx.db)).timeZone;
  const query = readAnalyticsQuery(params, timeZone, ctx.now);
  await queueFilterOptions(verbCtx);
  const level = processId ? { by: 'rootCause' as const, processId } : { by: 'process' as const };
  const figures = await rootCauseView(verbCtx, { query, timeZone, level });
  return figures.total.cases;
}

let processId: number | undefined;

/** The causes view's benchmarks (see types.ts): every query /causas and /causas/<id> run. */
export const benches: ViewBench[] = [
  {
    name: 'causas: por proceso (30 días)',
    run: (ctx) => view(ctx, {}),
  },
  {
    name: 'causas: causas de un proceso (30 días)',
    run: (ctx) => view(ctx, {}, (processId ??= busiestProcess(ctx))),
  },
];
