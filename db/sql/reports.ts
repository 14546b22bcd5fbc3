import {
  COMPLAINT_TYPES,
  OPEN_STATES,
  TERMINAL_STATES,
  type CaseType,
  type Channel,
  type ProblemStatus,
} from '@/lib/domain/enums';
import type { Conn } from '../client';
import { type SqlWhere } from './drill-down';
import { readAll } from '../read-pool';

/**
 * The periodic PQRS report's statements (lib/server/reports/pqrs-report.ts says what each figure
 * means). Every figure is a SQL aggregate read from the covering index cases_figures_idx.
 */

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

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export interface CellRow {
  typeCode: CaseType;
  channel: Channel;
  received: number;
  answered: number;
  onTime: number;
  late: number;
  answeredNoTerm: number;
  awaitingDelivery: number;
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
    coalesce(sum(c.first_answered_at IS NOT NULL AND c.answered_on_time IS NULL
      AND c.due_at IS NULL), 0) AS answeredNoTerm,
    coalesce(sum(c.first_answered_at IS NOT NULL AND c.answered_on_time IS NULL
      AND c.due_at IS NOT NULL), 0) AS awaitingDelivery,
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

/** The per-type-and-channel cells (at most 8 × 9 rows); `toMs` ends the period, `nowMs` is "now". */
export function reportCells(
  conn: Conn,
  filter: SqlWhere,
  toMs: number,
  nowMs: number,
): Promise<CellRow[]> {
  return readAll(conn, CELLS_SQL(filter.where), [toMs, toMs, nowMs, ...filter.params]);
}

/** Quejas and Reclamos by process › root cause, most frequent first; unclassified ones last. */
export function reportCauses(conn: Conn, filter: SqlWhere): Promise<CauseRow[]> {
  return readAll(conn, CAUSES_SQL(filter.where), filter.params);
}

/** Problems open at some time during [fromMs, toMs). */
export function reportProblems(conn: Conn, fromMs: number, toMs: number): Promise<ProblemRow[]> {
  return readAll(conn, PROBLEMS_SQL, [toMs, fromMs]);
}
