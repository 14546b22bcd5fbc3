import 'server-only';
import { first } from '@/db/rows';
import { mapInOrder } from '../core/in-order';
import { inSnapshot } from '@/db/client';
import type { Ctx } from '../core/context';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  sql,
  type Placeholder,
  type SQL,
} from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases } from '@/db/tables';
import {
  addBusinessDays,
  endOfLocalDay,
  startOfLocalDay,
  toLocalDate,
  type BusinessCalendar,
} from '@/lib/domain/calendar';
import { OPEN_STATES, type CaseState } from '@/lib/domain/enums';
import { AT_RISK_BUSINESS_DAYS } from '@/lib/domain/legal-term';
import { datedQueueCounts, maintainedQueueCounts } from '@/db/sql/queue-counts';
import * as pgCounts from '@/db/pg/queue-counts';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import { instantParam } from '@/db/dialect';
import { QUEUES, type CaseQuery, type Queue } from '@/lib/validation/case-query';
import { isStaff, type Actor } from '../core/actor';
import { caseScopeFilter, type CasesTable, type ScopeIds } from './case-access';
import { AppError } from '../core/errors';
import { getOrganization, loadCalendar } from '../core/organization';
import { preparedQueries } from '../core/prepared';
import { CLOCK_STATES, pageRows, type QueueRow } from './queue-rows';

export type { QueueRow } from './queue-rows';

export interface CaseList {
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<Queue, number>;
}

type Staff = Extract<Actor, { id: number }>;

/**
 * State sets are constants, inlined rather than bound so the planner sees the values (the partial
 * index cases_open_due_idx and STAT4 estimates depend on them).
 */
const inStates = (states: readonly CaseState[], t: CasesTable = cases) =>
  sql`${t.state} in (${sql.raw(states.map((s) => `'${s}'`).join(', '))})`;
const NEVER = sql`false`;

/** The last instant that still counts as "por vencer": the end of the 2nd business day after today. */
export function atRiskLimit(now: Date, cal: BusinessCalendar): Date {
  const today = toLocalDate(now, cal.timeZone);
  return endOfLocalDay(addBusinessDays(today, AT_RISK_BUSINESS_DAYS, cal), cal.timeZone);
}

/**
 * What a queue's filter compares against: the asker's ids and the instants (now, the end of "por
 * vencer"), as values or as placeholders of a query built once per shape (`unfilteredPage`).
 */
interface QueueBinds extends ScopeIds {
  now: Date | Placeholder;
  limit: Date | Placeholder;
}

function queueFilter(queue: Queue, b: QueueBinds, t: CasesTable): SQL | undefined {
  const open = inStates(OPEN_STATES, t);
  const clockRunning = inStates(CLOCK_STATES, t);
  switch (queue) {
    case 'mine':
      return and(eq(t.assigneeId, b.me), open);
    case 'team':
      return b.team === null ? NEVER : and(eq(t.teamId, b.team), open);
    case 'unassigned':
      return and(isNull(t.assigneeId), open);
    case 'at_risk':
      return and(clockRunning, gte(t.dueAt, b.now), lte(t.dueAt, b.limit));
    case 'overdue':
      return and(clockRunning, lt(t.dueAt, b.now));
    case 'waiting':
      return eq(t.state, 'requiere_informacion');
    case 'all':
      return undefined;
  }
}

/** The view's own filters; `from`/`to` are local dates in the organisation's time zone. */
function viewFilters(query: CaseQuery, timeZone: string, t: CasesTable): (SQL | undefined)[] {
  return [
    query.type.length > 0 ? inArray(t.typeCode, query.type) : undefined,
    query.channel.length > 0 ? inArray(t.channel, query.channel) : undefined,
    query.state.length > 0 ? inArray(t.state, query.state) : undefined,
    query.teamId !== undefined ? eq(t.teamId, query.teamId) : undefined,
    query.assigneeId !== undefined ? eq(t.assigneeId, query.assigneeId) : undefined,
    query.processId !== undefined ? eq(t.processId, query.processId) : undefined,
    query.from !== undefined ? gte(t.receivedAt, startOfLocalDay(query.from, timeZone)) : undefined,
    query.to !== undefined ? lte(t.receivedAt, endOfLocalDay(query.to, timeZone)) : undefined,
  ];
}

/**
 * Every case of one queue view, whatever the page: the queue, the actor's scope and the view's
 * filters. `t` is `cases`, or `casesAsC` when the filter is rendered into raw SQL (export-cases.ts).
 */
export function queueWhere(
  query: CaseQuery,
  actor: Staff,
  now: Date,
  cal: BusinessCalendar,
  t: CasesTable = cases,
): SQL | undefined {
  const binds = { me: actor.id, team: actor.teamId, now, limit: atRiskLimit(now, cal) };
  return and(
    queueFilter(query.queue, binds, t),
    caseScopeFilter(actor, t),
    ...viewFilters(query, cal.timeZone, t),
  );
}

function orderOf(query: CaseQuery): SQL[] {
  const by = query.dir === 'desc' ? desc : asc;
  switch (query.sort) {
    case 'due':
      // Art. 20: preferential cases first whatever the direction ('preferente' > 'normal'), and
      // undated ones (paused, no legal term) last. These are the terms of cases_queue_due_idx, so a
      // page is read in index order instead of sorting the whole queue.
      return [
        sql`${cases.priority} desc`,
        sql`${cases.dueAt} is null`,
        by(cases.dueAt),
        by(cases.id),
      ];
    case 'received':
      return [by(cases.receivedAt), by(cases.id)];
    case 'radicado':
      return [by(cases.radicado)];
    case 'state':
      // (state, due_at, id) is the order of cases_state_due_idx: no sort of the whole queue.
      return [by(cases.state), by(cases.dueAt), by(cases.id)];
  }
}

const hasViewFilters = (query: CaseQuery, timeZone: string) =>
  viewFilters(query, timeZone, cases).some(Boolean);

/**
 * The page of a view without filters of its own (the agents' usual request): built and prepared
 * once per queue, order and kind of asker, run with the asker's ids, the instants and the page as
 * placeholders; building a query costs drizzle more than SQLite takes to run this one.
 */
const unfilteredPage = preparedQueries(
  (query: CaseQuery, actor: Staff) =>
    `${query.queue} ${query.sort} ${query.dir} ${actor.role} ${actor.teamId === null}`,
  (db, query: CaseQuery, actor: Staff) => {
    const binds: QueueBinds = {
      me: sql.placeholder('me'),
      team: actor.teamId === null ? null : sql.placeholder('team'),
      now: sql.placeholder('now'),
      limit: sql.placeholder('limit'),
    };
    return db
      .select({ id: cases.id })
      .from(cases)
      .where(and(queueFilter(query.queue, binds, cases), caseScopeFilter(actor, cases, binds)))
      .orderBy(...orderOf(query))
      .limit(sql.placeholder('pageSize'))
      .offset(sql.placeholder('offset'))
      .prepare();
  },
);

/**
 * One page of a queue, with the count of every queue under the same scope and filters.
 * Filtering, sorting, counting and paging happen in SQL; the page's names and promises are read
 * for its ids only, so the cost does not grow with what lies outside the page.
 */
export async function listCases(ctx: Ctx, query: CaseQuery): Promise<CaseList> {
  const { db, actor, now } = ctx;
  if (!isStaff(actor)) throw new AppError('FORBIDDEN', 'queues are for staff');
  const cal = await loadCalendar(db, await getOrganization(db));
  const page = { pageSize: query.pageSize, offset: (query.page - 1) * query.pageSize };

  // One read transaction: the counts and the page see the same snapshot. Every read goes through
  // `tx`: on PostgreSQL the pool (`db`) would read outside the snapshot, on another connection.
  return await inSnapshot(db, async (tx) => {
    const { counts, ids } = hasViewFilters(query, cal.timeZone)
      ? await filteredView(tx, query, actor, now, cal)
      : await unfilteredView(tx, query, actor, now, atRiskLimit(now, cal));
    return {
      rows: await pageRows(tx, await ids(page), now, cal),
      total: counts[query.queue],
      page: query.page,
      pageSize: query.pageSize,
      counts,
    };
  });
}

type PageIds = (page: { pageSize: number; offset: number }) => Promise<number[]>;

/**
 * Without the view's own filters, the tabs that depend only on team, assignee and state come from
 * the maintained counts and the two dated ones from index ranges (db/sql/queue-counts.ts).
 */
async function unfilteredView(
  db: Conn,
  query: CaseQuery,
  actor: Staff,
  now: Date,
  limit: Date,
): Promise<{ counts: Record<Queue, number>; ids: PageIds }> {
  const who = { id: actor.id, teamId: actor.teamId, isAgent: actor.role === 'agent' };
  const onPg = isPg(db);
  const dated = onPg
    ? await pgCounts.datedQueueCounts(pgQueryable(db), who, now.getTime(), limit.getTime())
    : datedQueueCounts(db, who, now.getTime(), limit.getTime());
  const maintained = onPg
    ? await pgCounts.maintainedQueueCounts(pgQueryable(db), who, OPEN_STATES)
    : await maintainedQueueCounts(db, who, OPEN_STATES);
  const counts = {
    ...maintained,
    at_risk: dated.atRisk,
    overdue: dated.overdue,
  };
  const values = {
    me: actor.id,
    team: actor.teamId,
    now: instantParam(now),
    limit: instantParam(limit),
  };
  return {
    counts,
    ids: async (page) =>
      (await unfilteredPage(db, query, actor).all({ ...values, ...page })).map((r) => r.id),
  };
}

/** A view with filters of its own: each tab is counted under them. */
async function filteredView(
  db: Conn,
  query: CaseQuery,
  actor: Staff,
  now: Date,
  cal: BusinessCalendar,
): Promise<{ counts: Record<Queue, number>; ids: PageIds }> {
  const whereFor = (queue: Queue) => queueWhere({ ...query, queue }, actor, now, cal);
  const counts = Object.fromEntries(
    await mapInOrder(QUEUES, async (queue) => [
      queue,
      (await first(db.select({ n: count() }).from(cases).where(whereFor(queue))))?.n ?? 0,
    ]),
  ) as Record<Queue, number>;
  return {
    counts,
    ids: async (page) =>
      (
        await db
          .select({ id: cases.id })
          .from(cases)
          .where(whereFor(query.queue))
          .orderBy(...orderOf(query))
          .limit(page.pageSize)
          .offset(page.offset)
      ).map((r) => r.id),
  };
}

type Jsonified<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

/** The list as the JSON route sends it: instants become ISO strings. */
export type CaseListJson = Omit<CaseList, 'rows'> & { rows: Jsonified<QueueRow>[] };

/**
 * The list as JSON sends it, without a trip through a string: the queue page hands its first
 * page to the browser in the very shape `/api/casos` answers, so either fills the same cache entry.
 */
export function caseListJson(list: CaseList): CaseListJson {
  return {
    ...list,
    rows: list.rows.map((r) => ({
      ...r,
      dueAt: r.dueAt?.toISOString() ?? null,
      nextPromiseDueAt: r.nextPromiseDueAt?.toISOString() ?? null,
      receivedAt: r.receivedAt.toISOString(),
    })),
  };
}
