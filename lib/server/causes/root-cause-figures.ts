import 'server-only';
import { eq } from 'drizzle-orm';
import * as pgCauses from '@/db/pg/causes';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import { first } from '@/db/rows';
import * as liteCauses from '@/db/sql/causes';
import { COMPLAINTS_SQL, type GroupWeekRow } from '@/db/sql/causes';
import { processes } from '@/db/tables';
import { addCalendarDays, dayOfWeek, startOfLocalDay, type LocalDate } from '@/lib/domain/calendar';
import type { AnalyticsQuery } from '@/lib/validation/analytics-query';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { caseFilterSql, type SqlFilter } from '../supervision/filters';

/**
 * Above this share of dissatisfied customers the fault is the process, not the case (DOMAIN.md §7:
 * 5–10 % is the usual background). Exactly 10 % is not flagged.
 */
export const DISSATISFIED_FLAG_SHARE = 0.1;

/** How many processes (or causes) the weekly trend draws: the head of the Pareto order. */
export const TREND_SERIES = 5;

export type CauseLevel = { by: 'process' } | { by: 'rootCause'; processId: number };

export interface CauseFigures {
  /** Process or root-cause id; null for complaints not attributed yet ("sin proceso/causa"). */
  id: number | null;
  name: string | null;
  cases: number;
  /** Of all complaints in the view (0–1). */
  share: number;
  /** Running total of `share` in Pareto order (the unattributed row comes last). */
  cumulativeShare: number;
  /** Answered complaints with a counted term, and the mean business days they took. */
  answeredWithDays: number;
  avgAnswerDays: number | null;
  /** Late: answered after the due date, or still unanswered with the clock running past it. */
  late: number;
  /** Complaints whose punctuality is known: answered with a term, or open and already overdue. */
  lateBase: number;
  lateShare: number | null;
  reopened: number;
  reopenedShare: number;
  /** Repeat contacts added to these complaints (sum), and how many complaints had any. */
  repeatContacts: number;
  withRepeatContacts: number;
  /** Customers who rated the result, and those who answered "no" (did not get what they asked). */
  rated: number;
  dissatisfied: number;
  dissatisfiedShare: number | null;
  isFlagged: boolean;
}

export interface WeeklyTrend {
  /** Local Mondays; the first and last week may be cut by the period. */
  weeks: LocalDate[];
  series: { id: number; name: string; counts: number[] }[];
}

export interface RootCauseView {
  rows: CauseFigures[];
  total: CauseFigures;
  trend: WeeklyTrend;
}

type GroupRow = Omit<GroupWeekRow, 'week'>;

/** The view's filter (period, team, agent, channel) on complaints, at the level asked. */
export function complaintFilter(
  query: AnalyticsQuery,
  timeZone: string,
  level: CauseLevel,
): SqlFilter {
  const base = caseFilterSql({ ...query, type: undefined, processId: undefined }, timeZone);
  const where = [base.where, COMPLAINTS_SQL];
  const params = [...base.params];
  if (level.by === 'rootCause') {
    where.push('c.process_id = ?');
    params.push(level.processId);
  }
  return { where: where.join(' AND '), params };
}

/** The grouping column of a level and the catalogue that names its rows. */
const groupingOf = (level: CauseLevel) =>
  level.by === 'process'
    ? ({ column: 'c.process_id', nameTable: 'processes' } as const)
    : ({ column: 'c.root_cause_id', nameTable: 'root_causes' } as const);

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function figuresOf(g: GroupRow, total: number, cumulative: number): CauseFigures {
  const dissatisfiedShare = ratio(g.dissatisfied, g.rated);
  return {
    id: g.id,
    name: g.name,
    cases: g.cases,
    share: ratio(g.cases, total) ?? 0,
    cumulativeShare: cumulative,
    answeredWithDays: g.answeredWithDays,
    avgAnswerDays: ratio(g.answerDaysSum, g.answeredWithDays),
    late: g.late,
    lateBase: g.lateBase,
    lateShare: ratio(g.late, g.lateBase),
    reopened: g.reopened,
    reopenedShare: ratio(g.reopened, g.cases) ?? 0,
    repeatContacts: g.repeatContacts,
    withRepeatContacts: g.withRepeatContacts,
    rated: g.rated,
    dissatisfied: g.dissatisfied,
    dissatisfiedShare,
    // Integer comparison: "above 10 %" without floating-point doubt at exactly 10 %.
    isFlagged: g.rated > 0 && g.dissatisfied * 10 > g.rated,
  };
}

/** Pareto order: most complaints first (ties by name), the unattributed row always last. */
function paretoOrder(a: GroupRow, b: GroupRow): number {
  if ((a.id === null) !== (b.id === null)) return a.id === null ? 1 : -1;
  return b.cases - a.cases || (a.name ?? '').localeCompare(b.name ?? '', 'es');
}

/** The figures of several rows (week buckets, or every group) added up, under `id` and `name`. */
function sumRows(
  rows: readonly GroupRow[],
  id: number | null = null,
  name: string | null = null,
): GroupRow {
  const sum = (key: keyof GroupRow) => rows.reduce((n, r) => n + (r[key] as number), 0);
  return {
    id,
    name,
    cases: sum('cases'),
    answeredWithDays: sum('answeredWithDays'),
    answerDaysSum: sum('answerDaysSum'),
    late: sum('late'),
    lateBase: sum('lateBase'),
    reopened: sum('reopened'),
    repeatContacts: sum('repeatContacts'),
    withRepeatContacts: sum('withRepeatContacts'),
    rated: sum('rated'),
    dissatisfied: sum('dissatisfied'),
  };
}

/** Mondays (local) from the one on or before `from` through `to`. */
export function weekStarts(from: LocalDate, to: LocalDate): LocalDate[] {
  const weeks: LocalDate[] = [];
  for (
    let monday = addCalendarDays(from, -((dayOfWeek(from) + 6) % 7));
    monday <= to;
    monday = addCalendarDays(monday, 7)
  ) {
    weeks.push(monday);
  }
  return weeks;
}

/**
 * The root-cause view (DOMAIN.md §7): complaints grouped by originating process (or, for one
 * process, by root-cause category) in Pareto order, each with its share, time to answer, % late,
 * % reopened, repeat contacts and % dissatisfied; plus the weekly trend of the head of the list.
 * Everything is aggregated in SQL over the covering index.
 */
export async function rootCauseView(
  ctx: Ctx,
  input: { query: AnalyticsQuery; timeZone: string; level: CauseLevel },
): Promise<RootCauseView> {
  requireRole(ctx.actor, 'supervision');
  const { query, timeZone, level } = input;
  const filter = complaintFilter(query, timeZone, level);
  const weeks = weekStarts(query.from, query.to);
  const starts = weeks.map((w) => startOfLocalDay(w, timeZone).getTime());
  const { db, now } = ctx;
  const buckets = isPg(db)
    ? await pgCauses.groupWeekFigures(pgQueryable(db), filter, groupingOf(level), starts, now)
    : await liteCauses.groupWeekFigures(db, filter, groupingOf(level), starts, now);
  const byGroup = new Map<number | null, { row: GroupRow; counts: number[] }>();
  for (const bucket of buckets) {
    const group = byGroup.get(bucket.id) ?? {
      row: sumRows([], bucket.id, bucket.name),
      counts: weeks.map(() => 0),
    };
    group.row = sumRows([group.row, bucket], bucket.id, bucket.name);
    if (bucket.week >= 0 && bucket.week < weeks.length) group.counts[bucket.week] = bucket.cases;
    byGroup.set(bucket.id, group);
  }
  const groups = [...byGroup.values()].sort((a, b) => paretoOrder(a.row, b.row));
  const totalRow = sumRows(groups.map((g) => g.row));
  let cumulativeCases = 0;
  const rows = groups.map(({ row }) => {
    cumulativeCases += row.cases;
    return figuresOf(row, totalRow.cases, cumulativeCases / totalRow.cases);
  });
  const series = groups
    .filter((g) => g.row.id !== null)
    .slice(0, TREND_SERIES)
    .map((g) => ({ id: g.row.id as number, name: g.row.name ?? '', counts: g.counts }));
  return {
    rows,
    total: figuresOf(totalRow, totalRow.cases, totalRow.cases === 0 ? 0 : 1),
    trend: { weeks, series },
  };
}

/** The name of a process, or null when there is none with that id. */
export async function processName(ctx: Ctx, input: { processId: number }): Promise<string | null> {
  requireRole(ctx.actor, 'supervision');
  const row = await first(
    ctx.db
      .select({ name: processes.name })
      .from(processes)
      .where(eq(processes.id, input.processId)),
  );
  return row?.name ?? null;
}
