import 'server-only';
import type { Db } from '@/db/client';
import {
  CASE_TYPES,
  CHANNELS,
  COMPLAINT_TYPES,
  OPEN_STATES,
  TERMINAL_STATES,
  type CaseType,
  type Channel,
  type ProblemStatus,
} from '@/lib/domain/enums';
import type { AnalyticsQuery } from '@/lib/validation/analytics-query';
import { caseFilterSql, periodBounds } from '../supervision/filters';

/**
 * The periodic PQRS report (DOMAIN.md §11) over the cases RECEIVED in the period (received_at),
 * filtered by team, type and channel. Answer figures are those fixed by each case's first answer,
 * whenever it came (a case received on the 30th and answered the next month counts as answered).
 * Every figure is a SQL aggregate read from the covering index cases_figures_idx.
 */
export interface ReportFigures {
  received: number;
  /** Cases with a first answer (on time, late, or of a type without legal term). */
  answered: number;
  onTime: number;
  late: number;
  /** Answered, but the type has no legal term (Felicitación): neither on time nor late. */
  answeredNoTerm: number;
  /** Average counted business days to the first answer (pauses excluded); null if none. */
  averageBusinessDays: number | null;
  transferred: number;
  withdrawn: number;
  /** Current decision 'niega' (a reopen clears the decision until the next answer). */
  denied: number;
  merged: number;
  /** Not answered nor ended (transferred, withdrawn, merged) by the end of the period. */
  pendingAtEnd: number;
  /** In an open state now (radicada, en trámite, requiere información), reopened ones included. */
  openNow: number;
  /** Open now, legal clock running and past the due date. */
  overdueNow: number;
}

export interface TypeFigures extends ReportFigures {
  typeCode: CaseType;
}

export interface CauseRow {
  processId: number | null;
  processName: string | null;
  rootCauseId: number | null;
  rootCauseName: string | null;
  count: number;
}

export interface ProblemRow {
  id: number;
  title: string;
  status: ProblemStatus;
  correctiveAction: string;
  ownerName: string | null;
  processName: string | null;
  rootCauseName: string | null;
  linkedCases: number;
  resolvedAt: number | null;
}

export interface PqrsReport {
  /** Cases received per type and channel: only pairs with cases. */
  received: { typeCode: CaseType; channel: Channel; count: number }[];
  /** Channels with at least one case, in catalogue order (the matrix's columns). */
  channels: Channel[];
  /** Types with at least one case, in catalogue order. */
  byType: TypeFigures[];
  total: ReportFigures;
  /** Quejas and Reclamos by process › root cause, most frequent first; unclassified ones last. */
  causes: CauseRow[];
  complaints: number;
  /** Problems open at some time during the period (created before its end, not resolved before it began). */
  problems: ProblemRow[];
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

interface CellRow {
  typeCode: CaseType;
  channel: Channel;
  received: number;
  answered: number;
  onTime: number;
  late: number;
  answeredNoTerm: number;
  daysSum: number | null;
  daysCount: number;
  transferred: number;
  withdrawn: number;
  denied: number;
  merged: number;
  pendingAtEnd: number;
  openNow: number;
  overdueNow: number;
}

/*
 * Pending at the period's end: no first answer before the end, and not ended before it. Only the
 * few terminal cases need closed_at (not in the index); CASE short-circuits, so the table row is
 * read for those alone and the rest stay index-only.
 */
const CELLS_SQL = (where: string) => `
  SELECT c.type_code AS typeCode, c.channel AS channel, count(*) AS received,
    count(c.first_answered_at) AS answered,
    coalesce(sum(c.answered_on_time = 1), 0) AS onTime,
    coalesce(sum(c.answered_on_time = 0), 0) AS late,
    coalesce(sum(c.first_answered_at IS NOT NULL AND c.answered_on_time IS NULL), 0) AS answeredNoTerm,
    sum(c.answer_business_days) AS daysSum, count(c.answer_business_days) AS daysCount,
    coalesce(sum(c.state = 'trasladada'), 0) AS transferred,
    coalesce(sum(c.state = 'desistida'), 0) AS withdrawn,
    coalesce(sum(c.decision = 'niega'), 0) AS denied,
    coalesce(sum(c.state = 'fusionada'), 0) AS merged,
    coalesce(sum(CASE
      WHEN c.first_answered_at < ? THEN 0
      WHEN c.state IN (${list(TERMINAL_STATES)}) THEN c.closed_at >= ?
      ELSE 1 END), 0) AS pendingAtEnd,
    coalesce(sum(c.state IN (${list(OPEN_STATES)})), 0) AS openNow,
    coalesce(sum(c.state IN ('radicada', 'en_tramite') AND c.due_at < ?), 0) AS overdueNow
  FROM cases c INDEXED BY cases_figures_idx
  WHERE ${where}
  GROUP BY c.type_code, c.channel`;

const CAUSES_SQL = (where: string) => `
  SELECT g.processId, p.name AS processName, g.rootCauseId, rc.name AS rootCauseName, g.count
  FROM (
    SELECT c.process_id AS processId, c.root_cause_id AS rootCauseId, count(*) AS count
    FROM cases c INDEXED BY cases_figures_idx
    WHERE ${where} AND c.type_code IN (${list(COMPLAINT_TYPES)})
    GROUP BY c.process_id, c.root_cause_id
  ) g
  LEFT JOIN processes p ON p.id = g.processId
  LEFT JOIN root_causes rc ON rc.id = g.rootCauseId
  ORDER BY g.processId IS NULL AND g.rootCauseId IS NULL, g.count DESC, p.name, rc.name`;

const PROBLEMS_SQL = `
  SELECT pr.id, pr.title, pr.status, pr.corrective_action AS correctiveAction,
    s.name AS ownerName, p.name AS processName, rc.name AS rootCauseName,
    pr.resolved_at AS resolvedAt,
    (SELECT count(*) FROM problem_cases pc WHERE pc.problem_id = pr.id) AS linkedCases
  FROM problems pr
  LEFT JOIN staff_users s ON s.id = pr.owner_id
  LEFT JOIN processes p ON p.id = pr.process_id
  LEFT JOIN root_causes rc ON rc.id = pr.root_cause_id
  WHERE pr.created_at < ? AND (pr.resolved_at IS NULL OR pr.resolved_at >= ?)
  ORDER BY linkedCases DESC, pr.id`;

type Sums = Omit<CellRow, 'typeCode' | 'channel'>;

const ZERO: Sums = {
  received: 0,
  answered: 0,
  onTime: 0,
  late: 0,
  answeredNoTerm: 0,
  daysSum: 0,
  daysCount: 0,
  transferred: 0,
  withdrawn: 0,
  denied: 0,
  merged: 0,
  pendingAtEnd: 0,
  openNow: 0,
  overdueNow: 0,
};

function add(a: Sums, b: Sums): Sums {
  const out = { ...a };
  for (const key of Object.keys(ZERO) as (keyof Sums)[]) out[key] = (a[key] ?? 0) + (b[key] ?? 0);
  return out;
}

function figuresOf({ daysSum, daysCount, ...rest }: Sums): ReportFigures {
  return {
    ...rest,
    averageBusinessDays:
      daysCount === 0 ? null : Math.round(((daysSum ?? 0) / daysCount) * 10) / 10,
  };
}

/** The report for one period and filter; `now` is when "open now" and "overdue now" are read. */
export function buildPqrsReport(
  db: Db,
  query: AnalyticsQuery,
  timeZone: string,
  now: Date,
): PqrsReport {
  const filter = caseFilterSql(query, timeZone);
  const { fromMs, toMs } = periodBounds(query, timeZone);
  // The per-type-and-channel cells (at most 8 × 9 rows) are the only thing summed outside SQL.
  const cells = db.$client
    .prepare(CELLS_SQL(filter.where))
    .all(toMs, toMs, now.getTime(), ...filter.params) as CellRow[];
  const byTypeSums = new Map<CaseType, Sums>();
  let totalSums = ZERO;
  for (const cell of cells) {
    byTypeSums.set(cell.typeCode, add(byTypeSums.get(cell.typeCode) ?? ZERO, cell));
    totalSums = add(totalSums, cell);
  }
  const present = new Set(cells.map((c) => c.channel));
  const causes = db.$client.prepare(CAUSES_SQL(filter.where)).all(...filter.params) as CauseRow[];
  return {
    received: cells.map((c) => ({ typeCode: c.typeCode, channel: c.channel, count: c.received })),
    channels: CHANNELS.filter((c) => present.has(c)),
    byType: CASE_TYPES.flatMap((typeCode) => {
      const sums = byTypeSums.get(typeCode);
      return sums ? [{ typeCode, ...figuresOf(sums) }] : [];
    }),
    total: figuresOf(totalSums),
    causes,
    complaints: causes.reduce((n, c) => n + c.count, 0),
    problems: db.$client.prepare(PROBLEMS_SQL).all(toMs, fromMs) as ProblemRow[],
  };
}
