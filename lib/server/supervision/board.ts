import 'server-only';
import type { Statement } from 'better-sqlite3';
import { getDb, type Db } from '@/db/client';
import {
  countBusinessDays,
  endOfLocalDay,
  toLocalDate,
  type BusinessCalendar,
  type LocalDate,
} from '@/lib/domain/calendar';
import { OPEN_STATES, type CaseState, type CaseType } from '@/lib/domain/enums';
import { deadlineStatus, type DeadlineStatus } from '@/lib/domain/legal-term';
import { BOARD_PAGE_SIZE, type BoardQuery } from '@/lib/validation/board';
import type { Actor } from '../core/actor';
import { AppError } from '../core/errors';
import { atRiskLimit } from '../cases/list-cases';
import { getOrganization, loadCalendar } from '../core/organization';
import { canSupervise } from './roles';

/**
 * The deadline board (Tablero de vencimientos): open cases due today, at risk or overdue, and the
 * promises due today or broken on them, in total, by team and by agent.
 *
 * The three case buckets do not overlap, so they stack: overdue (due before now), due today (from
 * now to the end of today) and at risk (after today, up to the end of the 2nd business day after
 * it, holidays skipped: atRiskLimit). A paused case has no due instant and is in none of them; it
 * still counts as open work. Promises: "due today" is a pending promise due between now and the end
 * of today; "broken" is one stored broken or pending past due (lib/domain/promises). A renegotiated
 * promise is never counted: its successor is. Promises are counted on open cases only and belong to
 * the case's team and assignee (the board is about who holds the work now).
 */

export interface BoardFigures {
  open: number;
  dueToday: number;
  atRisk: number;
  overdue: number;
  promisesDueToday: number;
  promisesBroken: number;
}

/** A row of the by-team or by-agent table; `id` null is "no team" / "unassigned". */
export interface BoardGroup extends BoardFigures {
  id: number | null;
  name: string | null;
}

export type BoardBucket = 'overdue' | 'due_today' | 'at_risk';

export interface BoardCase {
  id: number;
  radicado: string;
  typeCode: CaseType;
  subject: string;
  state: CaseState;
  dueDate: string | null;
  dueAt: string;
  bucket: BoardBucket;
  deadline: { status: DeadlineStatus; businessDaysLeft: number };
  assigneeId: number | null;
  assigneeName: string | null;
  teamName: string | null;
}

/** The whole board as the page and GET /api/tablero send it (plain JSON: instants as ISO strings). */
export interface Board {
  asOf: string;
  today: LocalDate;
  /** The last day that still counts as at risk. */
  atRiskUntil: LocalDate;
  totals: BoardFigures;
  byTeam: BoardGroup[];
  byAgent: BoardGroup[];
  cases: { rows: BoardCase[]; total: number; page: number; pageSize: number; pageCount: number };
}

/** Who may see the board and reassign from it: the supervision roles. */
export function canUseBoard(actor: Actor): boolean {
  return canSupervise(actor.role);
}

/** The instants that split open cases into the board's buckets, as epoch milliseconds. */
export function boardBounds(now: Date, cal: BusinessCalendar) {
  const today = toLocalDate(now, cal.timeZone);
  const limit = atRiskLimit(now, cal);
  return {
    today,
    atRiskUntil: toLocalDate(limit, cal.timeZone),
    nowMs: now.getTime(),
    endOfTodayMs: endOfLocalDay(today, cal.timeZone).getTime(),
    atRiskUntilMs: limit.getTime(),
  };
}

/** State sets are constants, inlined so the planner can use the partial index cases_open_due_idx. */
const OPEN = `c.state IN (${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;
const FIGURES = ['open', 'dueToday', 'atRisk', 'overdue', 'promisesDueToday', 'promisesBroken'];

/** `c.team_id = @teamId …`: values are always bound, never written into the SQL. */
function caseFilter(query: BoardQuery): string {
  return [
    query.teamId !== undefined ? 'AND c.team_id = @teamId' : '',
    query.agentId !== undefined ? 'AND c.assignee_id = @agentId' : '',
  ].join(' ');
}

/**
 * Every figure in one statement over the open set (~24,000 of a million cases): one row per open
 * case and one per pending or broken promise on an open case, then SUM … GROUP BY team, by agent and
 * in total. Teams and active agents with nothing open get a row of zeros, so the supervisor sees
 * who is free; with an agent filter only that agent is listed. Plan: the open cases by
 * (state, due_at), or (team|assignee, state, due_at) when filtered; promises by (status, due_at),
 * each joined to its case by primary key. Never a scan of the cases table (board.test.ts).
 */
function figuresSql(query: BoardQuery): string {
  const filter = caseFilter(query);
  const hasAgent = query.agentId !== undefined;
  const hasTeam = query.teamId !== undefined;
  const teamKeys = hasAgent ? '0' : hasTeam ? 'id = @teamId' : '1';
  const agentKeys = hasAgent ? 'id = @agentId' : hasTeam ? 'team_id = @teamId' : '1';
  const sums = `sum(is_case) AS open, sum(due_today) AS dueToday, sum(at_risk) AS atRisk,
    sum(overdue) AS overdue, sum(promise_due_today) AS promisesDueToday,
    sum(promise_broken) AS promisesBroken`;
  return `
    WITH items AS MATERIALIZED (
      SELECT c.team_id AS team_id, c.assignee_id AS assignee_id, 1 AS is_case,
        coalesce(c.due_at < @now, 0) AS overdue,
        coalesce(c.due_at >= @now AND c.due_at <= @endOfToday, 0) AS due_today,
        coalesce(c.due_at > @endOfToday AND c.due_at <= @atRiskUntil, 0) AS at_risk,
        0 AS promise_due_today, 0 AS promise_broken
      FROM cases c
      WHERE ${OPEN} ${filter}
      UNION ALL
      SELECT c.team_id, c.assignee_id, 0, 0, 0, 0,
        p.status = 'pending' AND p.due_at >= @now AND p.due_at <= @endOfToday,
        p.status = 'broken' OR p.due_at < @now
      FROM promises p JOIN cases c ON c.id = p.case_id
      WHERE p.status IN ('pending', 'broken') AND ${OPEN} ${filter}
    ),
    g AS (
      SELECT 'total' AS dim, NULL AS key, ${sums} FROM items
      UNION ALL SELECT 'team', team_id, ${sums} FROM items GROUP BY team_id
      UNION ALL SELECT 'agent', assignee_id, ${sums} FROM items GROUP BY assignee_id
    ),
    k AS (
      SELECT 'total' AS dim, NULL AS key
      UNION SELECT 'team', id FROM teams WHERE ${teamKeys}
      UNION SELECT 'agent', id FROM staff_users WHERE role = 'agent' AND is_active = 1 AND ${agentKeys}
      ${hasAgent ? '' : "UNION SELECT 'agent', NULL"}
      UNION SELECT dim, key FROM g
    )
    SELECT k.dim AS dim, k.key AS id, coalesce(t.name, s.name) AS name,
      ${FIGURES.map((f) => `coalesce(g.${f}, 0) AS ${f}`).join(', ')}
    FROM k
    LEFT JOIN g ON g.dim = k.dim AND g.key IS k.key
    LEFT JOIN teams t ON k.dim = 'team' AND t.id = k.key
    LEFT JOIN staff_users s ON k.dim = 'agent' AND s.id = k.key
    ORDER BY k.dim, k.key IS NULL, name, k.key`;
}

/** One page of the cases behind the board, read in due order from cases_open_due_idx. */
function casesSql(query: BoardQuery): string {
  return `
    SELECT c.id, c.radicado, c.type_code AS typeCode, c.subject, c.state, c.due_date AS dueDate,
      c.due_at AS dueAt, c.assignee_id AS assigneeId, s.name AS assigneeName, t.name AS teamName
    FROM cases c INDEXED BY cases_open_due_idx
    LEFT JOIN staff_users s ON s.id = c.assignee_id
    LEFT JOIN teams t ON t.id = c.team_id
    WHERE ${OPEN} AND c.due_at <= @atRiskUntil ${caseFilter(query)}
    ORDER BY c.due_at, c.id
    LIMIT @pageSize OFFSET @offset`;
}

/** The board's two statements for a filter, for EXPLAIN QUERY PLAN in tests. */
export function boardSql(query: BoardQuery): { figures: string; cases: string } {
  return { figures: figuresSql(query), cases: casesSql(query) };
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/** Prepared once per database and SQL text (four filter combinations per query). */
function prepare(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.$client.prepare(sql)));
  return statement;
}

/**
 * The deadline chip of each listed case (what deadlineStatus gives). A late case counts the business
 * days from its due date to today, and a page of cases two years late would walk ~700 days each
 * (70 ms for 50 rows); the page comes in due order, so each distinct due date walks only to the next
 * later one and adds what that one counted: business days in (a, c] = (a, b] + (b, c].
 */
function deadlinesOf(dueAts: readonly number[], now: Date, cal: BusinessCalendar) {
  const dateOf = (ms: number) => toLocalDate(new Date(ms), cal.timeZone);
  const isLate = (ms: number) => ms < now.getTime();
  const lateDates = [...new Set(dueAts.filter(isLate).map(dateOf))].sort().reverse();
  const daysLate = new Map<LocalDate, number>();
  let upTo = toLocalDate(now, cal.timeZone);
  let counted = 0;
  for (const date of lateDates) {
    counted += countBusinessDays(date, upTo, cal);
    daysLate.set(date, counted);
    upTo = date;
  }
  return dueAts.map((ms) =>
    isLate(ms)
      ? { status: 'overdue' as const, businessDaysLeft: 0 - (daysLate.get(dateOf(ms)) ?? 0) }
      : deadlineStatus(new Date(ms), now, cal),
  );
}

type GroupRow = BoardGroup & { dim: 'total' | 'team' | 'agent' };
type CaseRow = Omit<BoardCase, 'dueAt' | 'bucket' | 'deadline'> & { dueAt: number };

function figuresOf(row: BoardFigures | undefined): BoardFigures {
  return {
    open: row?.open ?? 0,
    dueToday: row?.dueToday ?? 0,
    atRisk: row?.atRisk ?? 0,
    overdue: row?.overdue ?? 0,
    promisesDueToday: row?.promisesDueToday ?? 0,
    promisesBroken: row?.promisesBroken ?? 0,
  };
}

/** The board for a supervisor or admin, as of `now`. */
export function loadBoard(
  query: BoardQuery,
  actor: Actor,
  options: { db?: Db; now?: Date } = {},
): Board {
  if (!canUseBoard(actor)) throw new AppError('FORBIDDEN', 'supervisors only');
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const cal = loadCalendar(db, getOrganization(db));
  const bounds = boardBounds(now, cal);
  const filter = {
    ...(query.teamId !== undefined ? { teamId: query.teamId } : {}),
    ...(query.agentId !== undefined ? { agentId: query.agentId } : {}),
  };
  const times = {
    now: bounds.nowMs,
    endOfToday: bounds.endOfTodayMs,
    atRiskUntil: bounds.atRiskUntilMs,
  };

  // One read transaction: the figures and the list see the same snapshot.
  const { groups, found } = db.transaction(() => ({
    groups: prepare(db, figuresSql(query)).all({ ...filter, ...times }) as GroupRow[],
    found: prepare(db, casesSql(query)).all({
      ...filter,
      atRiskUntil: bounds.atRiskUntilMs,
      pageSize: BOARD_PAGE_SIZE,
      offset: (query.page - 1) * BOARD_PAGE_SIZE,
    }) as CaseRow[],
  }));

  const totals = figuresOf(groups.find((g) => g.dim === 'total'));
  const ofDim = (dim: GroupRow['dim']) =>
    groups.filter((g) => g.dim === dim).map(({ dim: _, ...row }) => row);
  const total = totals.overdue + totals.dueToday + totals.atRisk;
  const deadlines = deadlinesOf(
    found.map((r) => r.dueAt),
    now,
    cal,
  );
  const bucketOf = (dueAt: number): BoardBucket =>
    dueAt < bounds.nowMs ? 'overdue' : dueAt <= bounds.endOfTodayMs ? 'due_today' : 'at_risk';
  return {
    asOf: now.toISOString(),
    today: bounds.today,
    atRiskUntil: bounds.atRiskUntil,
    totals,
    byTeam: ofDim('team'),
    byAgent: ofDim('agent'),
    cases: {
      rows: found.map((r, i) => ({
        ...r,
        dueAt: new Date(r.dueAt).toISOString(),
        bucket: bucketOf(r.dueAt),
        deadline: deadlines[i]!,
      })),
      total,
      page: query.page,
      pageSize: BOARD_PAGE_SIZE,
      pageCount: Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE)),
    },
  };
}
