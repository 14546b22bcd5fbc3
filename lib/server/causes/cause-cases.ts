import 'server-only';
import type { Db } from '@/db/client';
import type { AnalyticsQuery } from '@/lib/validation/analytics-query';
import { drillDownCsv, listDrillDown } from '../supervision/drill-down';
import type { SqlFilter } from '../supervision/filters';
import { complaintFilter } from './root-cause-figures';

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

export function listCauseCases(
  db: Db,
  query: AnalyticsQuery,
  timeZone: string,
  pick: { processId: CausePick; rootCauseId: CausePick },
  page: number,
) {
  return listDrillDown(db, causeCasesFilter(query, timeZone, pick), undefined, page);
}

export function causeCasesCsv(
  db: Db,
  header: readonly string[],
  query: AnalyticsQuery,
  timeZone: string,
  pick: { processId: CausePick; rootCauseId: CausePick },
): Response {
  return drillDownCsv(
    db,
    `quejas-reclamos-${query.from}-${query.to}.csv`,
    header,
    causeCasesFilter(query, timeZone, pick),
  );
}

/** "Facturación › Cobro doble" for a picked process and cause; null parts are unknown or 'none'. */
export function causePickNames(
  db: Db,
  pick: { processId: CausePick; rootCauseId: CausePick },
): { process: string | null; rootCause: string | null } {
  const nameIn = (table: 'processes' | 'root_causes', id: CausePick) =>
    typeof id === 'number'
      ? ((db.$client.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck().get(id) as
          string | undefined) ?? null)
      : null;
  return {
    process: nameIn('processes', pick.processId),
    rootCause: nameIn('root_causes', pick.rootCauseId),
  };
}
