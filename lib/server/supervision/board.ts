import 'server-only';
import type { PgDb } from '@/db/pg/client';
import { readBoard as pgReadBoard } from '@/db/pg/board';
import { isPg, pgDatabaseOf } from '@/db/pg/transactions';
import { boardSql, readBoard as liteReadBoard } from '@/db/sql/board';
import {
  countBusinessDays,
  endOfLocalDay,
  toLocalDate,
  type BusinessCalendar,
  type LocalDate,
} from '@/lib/domain/calendar';
import type { CaseState, CaseType } from '@/lib/domain/enums';
import { deadlineStatus, type DeadlineStatus } from '@/lib/domain/legal-term';
import { BOARD_PAGE_SIZE, type BoardQuery } from '@/lib/validation/board';
import { atRiskLimit } from '../cases/list-cases';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { getOrganization, loadCalendar } from '../core/organization';

export { boardSql };

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
  /** Answers written but not delivered by their due date (vencidas sin notificar). */
  undelivered: number;
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
  /** A PD request accepted by silence (art. 14.1): the copies are owed by this instant. */
  deliveryDueAt: string | null;
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
type CaseRow = Omit<BoardCase, 'dueAt' | 'bucket' | 'deadline' | 'deliveryDueAt'> & {
  dueAt: number;
  deliveryDueAt: number | null;
};

function figuresOf(row: BoardFigures | undefined): BoardFigures {
  return {
    open: row?.open ?? 0,
    dueToday: row?.dueToday ?? 0,
    atRisk: row?.atRisk ?? 0,
    overdue: row?.overdue ?? 0,
    promisesDueToday: row?.promisesDueToday ?? 0,
    promisesBroken: row?.promisesBroken ?? 0,
    undelivered: row?.undelivered ?? 0,
  };
}

/** The figures and a page, in one snapshot: the read pool on SQLite, a pooled one on PostgreSQL. */
const readBoard: typeof liteReadBoard = (db, ...rest) =>
  isPg(db) ? pgReadBoard(pgDatabaseOf(db) as unknown as PgDb, ...rest) : liteReadBoard(db, ...rest);

/** The board for a supervisor or admin, as of `ctx.now`. */
export async function loadBoard(ctx: Ctx, query: BoardQuery): Promise<Board> {
  requireRole(ctx.actor, 'supervision');
  const { db, now } = ctx;
  const cal = await loadCalendar(db, await getOrganization(db));
  const bounds = boardBounds(now, cal);
  const read = await readBoard(
    db,
    query,
    { now: bounds.nowMs, endOfToday: bounds.endOfTodayMs, atRiskUntil: bounds.atRiskUntilMs },
    { pageSize: BOARD_PAGE_SIZE, offset: (query.page - 1) * BOARD_PAGE_SIZE },
  );
  const groups: GroupRow[] = read.groups;
  const found: CaseRow[] = read.found;

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
        deliveryDueAt: r.deliveryDueAt === null ? null : new Date(r.deliveryDueAt).toISOString(),
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
