import 'server-only';
import { eq } from 'drizzle-orm';
import { first } from '@/db/rows';
import { processes, rootCauses } from '@/db/tables';
import type { AnalyticsQuery } from '@/lib/validation/analytics-query';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { drillDownCsv, listDrillDown, type DrillDownCsvText } from '../supervision/drill-down';
import type { SqlFilter } from '../supervision/filters';
import { complaintFilter } from './root-cause-figures';
import { databaseOf } from '@/db/client';

/** A process or root cause picked in the URL: an id, or 'none' for complaints not attributed yet. */
export type CausePick = number | 'none' | undefined;

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function param(params: SearchParamsLike, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  return Array.isArray(raw) ? raw[0] : raw;
}

export function readCausePick(params: SearchParamsLike, key: string): CausePick {
  const value = param(params, key);
  if (value === 'none') return 'none';
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The complaints behind one row of the root-cause view: the view's filter plus process/cause. */
export function causeCasesFilter(
  query: AnalyticsQuery,
  timeZone: string,
  pick: { processId: CausePick; rootCauseId: CausePick },
): SqlFilter {
  const filter = complaintFilter(query, timeZone, { by: 'process' });
  const where = [filter.where];
  const params = [...filter.params];
  const add = (column: string, value: CausePick) => {
    if (value === 'none') where.push(`c.${column} IS NULL`);
    else if (value !== undefined) {
      where.push(`c.${column} = ?`);
      params.push(value);
    }
  };
  add('process_id', pick.processId);
  add('root_cause_id', pick.rootCauseId);
  return { where: where.join(' AND '), params };
}

export interface CauseCasesInput {
  query: AnalyticsQuery;
  timeZone: string;
  pick: { processId: CausePick; rootCauseId: CausePick };
}

/** One page of the complaints behind a row of the root-cause view. */
export async function listCauseCases(ctx: Ctx, input: CauseCasesInput & { page: number }) {
  requireRole(ctx.actor, 'supervision');
  const filter = causeCasesFilter(input.query, input.timeZone, input.pick);
  return listDrillDown(databaseOf(ctx.db), filter, undefined, input.page);
}

/** The same complaints as a streamed CSV (`header`: the translated column names). */
export async function causeCasesCsv(
  ctx: Ctx,
  input: CauseCasesInput & { text: DrillDownCsvText },
): Promise<Response> {
  requireRole(ctx.actor, 'supervision');
  const { query, timeZone, pick } = input;
  return drillDownCsv(
    databaseOf(ctx.db),
    `quejas-reclamos-${query.from}-${query.to}.csv`,
    input.text,
    causeCasesFilter(query, timeZone, pick),
  );
}

/** "Facturación › Cobro doble" for a picked process and cause; null parts are unknown or 'none'. */
export async function causePickNames(
  ctx: Ctx,
  pick: { processId: CausePick; rootCauseId: CausePick },
): Promise<{ process: string | null; rootCause: string | null }> {
  requireRole(ctx.actor, 'supervision');
  const { db } = ctx;
  const [process, rootCause] = await Promise.all([
    typeof pick.processId === 'number'
      ? first(
          db
            .select({ name: processes.name })
            .from(processes)
            .where(eq(processes.id, pick.processId)),
        )
      : undefined,
    typeof pick.rootCauseId === 'number'
      ? first(
          db
            .select({ name: rootCauses.name })
            .from(rootCauses)
            .where(eq(rootCauses.id, pick.rootCauseId)),
        )
      : undefined,
  ]);
  return { process: process?.name ?? null, rootCause: rootCause?.name ?? null };
}
