import 'server-only';
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
  type SQL,
} from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, customers, promises, staffUsers, teams } from '@/db/schema';
import {
  addBusinessDays,
  endOfLocalDay,
  startOfLocalDay,
  toLocalDate,
  type BusinessCalendar,
} from '@/lib/domain/calendar';
import {
  OPEN_STATES,
  type CaseState,
  type CaseType,
  type Channel,
  type Priority,
} from '@/lib/domain/enums';
import {
  AT_RISK_BUSINESS_DAYS,
  deadlineStatus,
  type DeadlineStatus,
} from '@/lib/domain/legal-term';
import { effectivePromiseStatus } from '@/lib/domain/promises';
import { maintainedQueueCounts } from '@/db/sql/queue-counts';
import { QUEUES, type CaseQuery, type Queue } from '@/lib/validation/case-query';
import { isStaff, type Actor } from '../core/actor';
import { caseScopeFilter, type CasesTable } from './case-access';
import { AppError } from '../core/errors';
import { getOrganization, loadCalendar } from '../core/organization';

export interface QueueRow {
  id: number;
  radicado: string;
  typeCode: CaseType;
  subject: string;
  /** Null for anonymous filings. */
  customerName: string | null;
  channel: Channel;
  state: CaseState;
  priority: Priority;
  dueDate: string | null;
  dueAt: Date | null;
  isPaused: boolean;
  /** The traffic light; null unless the legal clock is running (radicada, en trámite). */
  deadline: { status: DeadlineStatus; businessDaysLeft: number } | null;
  /** The earliest pending promise; one already past due still counts and reads as broken. */
  nextPromiseDueAt: Date | null;
  nextPromiseIsBroken: boolean;
  assigneeName: string | null;
  teamName: string | null;
  receivedAt: Date;
  /** The version the row was read at: a bulk action on it is refused if the case moved on. */
  version: number;
}

export interface CaseList {
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<Queue, number>;
}

type Staff = Extract<Actor, { id: number }>;

/** The legal clock runs: not paused waiting on the petitioner, not stopped by an answer. */
const CLOCK_STATES: readonly CaseState[] = ['radicada', 'en_tramite'];

/**
 * State sets are constants, inlined rather than bound so the planner sees the values (the partial
 * index cases_open_due_idx and STAT4 estimates depend on them).
 */
const inStates = (states: readonly CaseState[], t: CasesTable = cases) =>
  sql`${t.state} in (${sql.raw(states.map((s) => `'${s}'`).join(', '))})`;
const NEVER = sql`0`;

/** The last instant that still counts as "por vencer": the end of the 2nd business day after today. */
export function atRiskLimit(now: Date, cal: BusinessCalendar): Date {
  const today = toLocalDate(now, cal.timeZone);
  return endOfLocalDay(addBusinessDays(today, AT_RISK_BUSINESS_DAYS, cal), cal.timeZone);
}

function queueFilter(
  queue: Queue,
  actor: Staff,
  now: Date,
  limit: Date,
  t: CasesTable,
): SQL | undefined {
  const open = inStates(OPEN_STATES, t);
  const clockRunning = inStates(CLOCK_STATES, t);
  switch (queue) {
    case 'mine':
      return and(eq(t.assigneeId, actor.id), open);
    case 'team':
      return actor.teamId === null ? NEVER : and(eq(t.teamId, actor.teamId), open);
    case 'unassigned':
      return and(isNull(t.assigneeId), open);
    case 'at_risk':
      return and(clockRunning, gte(t.dueAt, now), lte(t.dueAt, limit));
    case 'overdue':
      return and(clockRunning, lt(t.dueAt, now));
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
  return and(
    queueFilter(query.queue, actor, now, atRiskLimit(now, cal), t),
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

/**
 * One page of a queue, with the count of every queue under the same scope and filters.
 * Filtering, sorting, counting and paging happen in SQL; the page's names and promises are read
 * for its ids only, so the cost does not grow with what lies outside the page.
 */
export async function listCases(ctx: Ctx, query: CaseQuery): Promise<CaseList> {
  const { db, actor, now } = ctx;
  if (!isStaff(actor)) throw new AppError('FORBIDDEN', 'queues are for staff');
  const cal = loadCalendar(db, getOrganization(db));
  const whereFor = (queue: Queue) => queueWhere({ ...query, queue }, actor, now, cal);

  // One read transaction: the counts and the page see the same snapshot.
  return db.transaction(() => {
    // Without the view's own filters, the tabs that depend only on team, assignee and state come
    // from the maintained counts (db/sql/queue-counts.ts); the two dated ones are counted.
    const kept = viewFilters(query, cal.timeZone, cases).some(Boolean)
      ? null
      : maintainedQueueCounts(
          db,
          { id: actor.id, teamId: actor.teamId, isAgent: actor.role === 'agent' },
          OPEN_STATES,
        );
    const counts = Object.fromEntries(
      QUEUES.map((queue) => [
        queue,
        kept && queue in kept
          ? kept[queue as keyof typeof kept]
          : (db.select({ n: count() }).from(cases).where(whereFor(queue)).get()?.n ?? 0),
      ]),
    ) as Record<Queue, number>;
    const ids = db
      .select({ id: cases.id })
      .from(cases)
      .where(whereFor(query.queue))
      .orderBy(...orderOf(query))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .all()
      .map((r) => r.id);
    return {
      rows: pageRows(db, ids, now, cal),
      total: counts[query.queue],
      page: query.page,
      pageSize: query.pageSize,
      counts,
    };
  });
}

/** The columns a queue shows, for the page's cases, in the page's order. */
function pageRows(db: Conn, ids: number[], now: Date, cal: BusinessCalendar): QueueRow[] {
  if (ids.length === 0) return [];
  // Correlated per row of the page only: the page's ids are already chosen.
  const nextPromise = sql<number | null>`(
    select min(${promises.dueAt}) from ${promises}
    where ${promises.caseId} = ${cases.id} and ${promises.status} = 'pending'
  )`;
  const found = db
    .select({
      id: cases.id,
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      subject: cases.subject,
      isAnonymous: cases.isAnonymous,
      customerName: customers.fullName,
      // Filed by e-mail or API with the identity still to complete: the address it came from.
      responseAddress: cases.responseAddress,
      channel: cases.channel,
      state: cases.state,
      priority: cases.priority,
      dueDate: cases.dueDate,
      dueAt: cases.dueAt,
      isPaused: cases.isPaused,
      nextPromiseDueAt: nextPromise,
      assigneeName: staffUsers.name,
      teamName: teams.name,
      receivedAt: cases.receivedAt,
      version: cases.version,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(staffUsers, eq(staffUsers.id, cases.assigneeId))
    .leftJoin(teams, eq(teams.id, cases.teamId))
    .where(inArray(cases.id, ids))
    .all();
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { isAnonymous, nextPromiseDueAt, responseAddress, ...rest } = r;
    const promiseDue = nextPromiseDueAt === null ? null : new Date(nextPromiseDueAt);
    return [
      {
        ...rest,
        customerName: isAnonymous ? null : (r.customerName ?? responseAddress),
        deadline:
          CLOCK_STATES.includes(r.state) && r.dueAt ? deadlineStatus(r.dueAt, now, cal) : null,
        nextPromiseDueAt: promiseDue,
        nextPromiseIsBroken:
          promiseDue !== null &&
          effectivePromiseStatus({ status: 'pending', dueAt: promiseDue }, now) === 'broken',
      },
    ];
  });
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
