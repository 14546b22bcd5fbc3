import 'server-only';
import { instantParam } from '@/db/dialect';
import { endOfLocalDay, startOfLocalDay, toLocalDate } from '@/lib/domain/calendar';
import { parseAnalyticsQuery, type AnalyticsQuery } from '@/lib/validation/analytics-query';
import type { Ctx } from '../core/context';
import { getOrganization } from '../core/organization';

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** The filter of a supervisor view read from its URL, "today" being the organisation's today. */
export function readAnalyticsQuery(
  params: SearchParamsLike,
  timeZone: string,
  now: Date,
): AnalyticsQuery {
  return parseAnalyticsQuery(params, toLocalDate(now, timeZone));
}

/** The same, for a page or route: the organisation's time zone and `ctx.now`. */
export async function analyticsQueryOf(
  ctx: Ctx,
  params: SearchParamsLike,
): Promise<AnalyticsQuery> {
  return readAnalyticsQuery(params, (await getOrganization(ctx.db)).timeZone, ctx.now);
}

/** The period as epoch milliseconds: [fromMs, toMs) covering both local dates whole. */
export function periodBounds(query: Pick<AnalyticsQuery, 'from' | 'to'>, timeZone: string) {
  return {
    fromMs: startOfLocalDay(query.from, timeZone).getTime(),
    toMs: endOfLocalDay(query.to, timeZone).getTime() + 1,
  };
}

export interface SqlFilter {
  /**
   * `a = ? AND b = ?`: never empty (at least the period). Instants are bound in the engine's form
   * (`instantParam`: epoch ms on SQLite, ISO text on PostgreSQL, whose statements number the `?`).
   */
  where: string;
  params: (string | number)[];
}

/**
 * The WHERE clause for cases matching a view's filter, on the `cases` table under `alias`. The
 * period applies to `periodColumn` (received_at by default; first_answered_at for answer figures).
 * Values are always bound as parameters.
 */
export function caseFilterSql(
  query: AnalyticsQuery,
  timeZone: string,
  options: { alias?: string; periodColumn?: string } = {},
): SqlFilter {
  const a = options.alias ?? 'c';
  const { fromMs, toMs } = periodBounds(query, timeZone);
  const clauses = [
    `${a}.${options.periodColumn ?? 'received_at'} >= ?`,
    `${a}.${options.periodColumn ?? 'received_at'} < ?`,
  ];
  const params: (string | number)[] = [
    instantParam(new Date(fromMs)),
    instantParam(new Date(toMs)),
  ];
  const add = (column: string, value: string | number | undefined) => {
    if (value === undefined) return;
    clauses.push(`${a}.${column} = ?`);
    params.push(value);
  };
  add('team_id', query.teamId);
  add('assignee_id', query.agentId);
  add('type_code', query.type);
  add('process_id', query.processId);
  add('channel', query.channel);
  return { where: clauses.join(' AND '), params };
}
