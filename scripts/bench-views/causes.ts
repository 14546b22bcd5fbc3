import { getOrganization } from '@/lib/server/core/organization';
import { rootCauseView } from '@/lib/server/causes/root-cause-figures';
import { queueFilterOptions } from '@/lib/server/cases/queue-options';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';
import type { ViewBench, ViewBenchContext } from './types';

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

function view(ctx: ViewBenchContext, params: Record<string, string>, processId?: number) {
  const tz = getOrganization(ctx.db).timeZone;
  const query = readAnalyticsQuery(params, tz, ctx.now);
  queueFilterOptions(ctx.db);
  const level = processId ? { by: 'rootCause' as const, processId } : { by: 'process' as const };
  const figures = rootCauseView(ctx.db, query, tz, level, ctx.now);
  return figures.total.cases;
}

let processId: number | undefined;

/** The causes view's benchmarks (see types.ts): every query /causas and /causas/<id> run. */
export const benches: ViewBench[] = [
  {
    name: 'causas: por proceso (30 días)',
    run: async (ctx) => view(ctx, {}),
  },
  {
    name: 'causas: causas de un proceso (30 días)',
    run: async (ctx) => view(ctx, {}, (processId ??= busiestProcess(ctx))),
  },
];
