import 'server-only';
import type { Conn } from '@/db/client';
import { instantParam } from '@/db/dialect';
import { pgQualityReads } from '@/db/pg/quality';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import { sqliteQualityReads, type NameTable, type QualityReads } from '@/db/sql/quality';
import { startOfLocalDay } from '@/lib/domain/calendar';
import { CASE_TYPES } from '@/lib/domain/enums';
import type { AnalyticsGroup, AnalyticsQuery } from '@/lib/validation/analytics-query';
import type { Ctx } from '../core/context';
import { getOrganization } from '../core/organization';
import { caseFilterSql, periodBounds, type SqlFilter } from './filters';

/**
 * What every figure of /calidad shares: the cases are those RECEIVED in the period that match the
 * filter (read from cases_figures_idx); a breakdown puts each case (or rating, or interaction) in
 * one group, so the totals are the sums of the groups' counts.
 */
export interface Scope {
  db: Conn;
  now: Date;
  query: AnalyticsQuery;
  timeZone: string;
}

/** The statements of /calidad on `db`'s engine: db/pg/quality.ts or db/sql/quality.ts. */
export function qualityReads(db: Conn): QualityReads {
  return isPg(db) ? pgQualityReads(pgQueryable(db)) : sqliteQualityReads(db);
}

/** The figures' scope for a filter: the context's connection and clock, the organisation's zone. */
export async function scopeOf(ctx: Ctx, query: AnalyticsQuery): Promise<Scope> {
  return { db: ctx.db, now: ctx.now, query, timeZone: (await getOrganization(ctx.db)).timeZone };
}

/**
 * Whose figure it is when filtering or breaking down by agent: the case's assignee for results,
 * the rated agent for ratings (quality_ratings.agent_id), the person who wrote the interaction for
 * canned replies and handle time (interactions.staff_id).
 */
export type AgentColumn = 'c.assignee_id' | 'qr.agent_id' | 'i.staff_id';

/** The filter on `cases c`, with the agent condition on the family's own agent column. */
export function scopeFilter(scope: Scope, agentColumn: AgentColumn): SqlFilter {
  const base = caseFilterSql({ ...scope.query, agentId: undefined }, scope.timeZone);
  if (scope.query.agentId === undefined) return base;
  return {
    where: `${base.where} AND ${agentColumn} = ?`,
    params: [...base.params, scope.query.agentId],
  };
}

/** The local months (YYYY-MM) the period touches, with the instant each one after the first starts. */
function monthsOf(scope: Scope): { key: string; startMs: number }[] {
  const { fromMs } = periodBounds(scope.query, scope.timeZone);
  const months: { key: string; startMs: number }[] = [];
  let key = scope.query.from.slice(0, 7);
  const last = scope.query.to.slice(0, 7);
  while (key <= last) {
    const startMs = Math.max(fromMs, startOfLocalDay(`${key}-01`, scope.timeZone).getTime());
    months.push({ key, startMs });
    const [y, m] = key.split('-').map(Number) as [number, number];
    key = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return months;
}

/**
 * The SQL expression naming a row's group (both engines). Months are local months of the
 * organisation's time zone, cut at bound instants (SQLite knows no time zones).
 */
export function groupSql(
  scope: Scope,
  agentColumn: AgentColumn,
): { expr: string; params: (string | number)[] } {
  switch (scope.query.by) {
    case 'team':
      return { expr: 'c.team_id', params: [] };
    case 'agent':
      return { expr: agentColumn, params: [] };
    case 'type':
      return { expr: 'c.type_code', params: [] };
    case 'process':
      return { expr: 'c.process_id', params: [] };
    case 'month': {
      const months = monthsOf(scope);
      const params: (string | number)[] = [];
      const whens = months.slice(1).map((m, i) => {
        params.push(instantParam(new Date(m.startMs)), months[i]!.key);
        return 'WHEN c.received_at < ? THEN ?';
      });
      params.push(months.at(-1)!.key);
      return { expr: `CASE ${whens.join(' ')} ELSE ? END`, params };
    }
  }
}

export type GroupKey = string | number | null;

export interface GroupLabel {
  /** Team/agent/process id, type code, or YYYY-MM; null: no team/agent/process. */
  key: GroupKey;
  /** The name of a team, agent or process (types and months are labelled by the page). */
  name: string | null;
}

const NAME_TABLES: Partial<Record<AnalyticsGroup, NameTable>> = {
  team: 'teams',
  agent: 'staff_users',
  process: 'processes',
};

/** Names for the groups found, in the order a reader expects (names, type order, months). */
export async function labelGroups(scope: Scope, keys: Iterable<GroupKey>): Promise<GroupLabel[]> {
  const unique = [...new Set(keys)];
  const table = NAME_TABLES[scope.query.by];
  const names = new Map<GroupKey, string>();
  const ids = unique.filter((k): k is number => typeof k === 'number');
  if (table && ids.length > 0) {
    for (const r of await qualityReads(scope.db).namesByIds(table, ids)) names.set(r.id, r.name);
  }
  const labels = unique.map((key) => ({ key, name: names.get(key) ?? null }));
  const rank = (l: GroupLabel): string => {
    if (scope.query.by === 'type') return String(CASE_TYPES.indexOf(l.key as never)).padStart(2);
    if (scope.query.by === 'month') return String(l.key);
    return l.key === null ? '\uffff' : (l.name ?? String(l.key)).toLocaleLowerCase('es');
  };
  return labels.sort((a, b) => rank(a).localeCompare(rank(b), 'es'));
}

/** n / d, or null when there is nothing to divide by (shown as "—", never as 0 %). */
export function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

/** Sums numeric fields of several count records (the totals of a breakdown). */
export function sumCounts<T extends Record<string, number>>(rows: readonly T[], zero: T): T {
  const total = { ...zero };
  for (const row of rows) {
    for (const k of Object.keys(zero) as (keyof T)[]) {
      (total[k] as number) += row[k] ?? 0;
    }
  }
  return total;
}

/** Indexes a grouped aggregate's rows by their `grp` column. */
export function byGroup<T extends { grp: GroupKey }>(rows: readonly T[]): Map<GroupKey, T> {
  return new Map(rows.map((r) => [r.grp, r]));
}
