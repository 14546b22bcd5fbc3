import { COMPLAINT_TYPES, OPEN_STATES, TERMINAL_STATES } from '@/lib/domain/enums';
import type { SqlWhere } from '../sql/drill-down';
import type { CauseRow, CellRow, ProblemRow } from '../sql/reports';
import { epochMs, numbered, type Queryable } from './client';

/**
 * The periodic PQRS report's statements on PostgreSQL, with SQLite's figures and row shapes
 * (db/sql/reports.ts; lib/server/reports/pqrs-report.ts says what each figure means). Read
 * through the pool: the server does the work, so no worker thread is needed. The filter is the
 * one every supervisor view builds (lib/server/supervision/filters.ts): `?` placeholders,
 * numbered here, its instants bound as ISO text. Counts and sums come back as numbers
 * (db/pg/client.ts), names sort by code point (COLLATE "C") with nulls first, as on SQLite.
 */

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** How many rows of the group meet `condition` (SQLite's `sum(condition)`, 0 when none). */
const tally = (condition: string) => `count(*) FILTER (WHERE ${condition})`;

/*
 * Pending at the period's end: no first answer before the end, and not ended before it (a
 * terminal case without closed_at counts as neither, as SQLite's NULL sums to nothing).
 */
const CELLS_SQL = (where: string) => `
  SELECT c.type_code AS "typeCode", c.channel AS channel, count(*) AS received,
    count(c.first_answered_at) AS answered,
    ${tally('c.answered_on_time')} AS "onTime",
    ${tally('NOT c.answered_on_time')} AS late,
    ${tally(`c.first_answered_at IS NOT NULL AND c.answered_on_time IS NULL
      AND c.due_at IS NULL`)} AS "answeredNoTerm",
    ${tally(`c.first_answered_at IS NOT NULL AND c.answered_on_time IS NULL
      AND c.due_at IS NOT NULL`)} AS "awaitingDelivery",
    sum(c.answer_business_days) AS "daysSum", count(c.answer_business_days) AS "daysCount",
    ${tally(`c.state = 'trasladada'`)} AS transferred,
    ${tally(`c.state = 'desistida'`)} AS withdrawn,
    ${tally(`c.decision = 'niega'`)} AS denied,
    ${tally(`c.state = 'fusionada'`)} AS merged,
    coalesce(sum(CASE
      WHEN c.first_answered_at < ?::timestamptz THEN 0
      WHEN c.state IN (${list(TERMINAL_STATES)}) THEN (c.closed_at >= ?::timestamptz)::int
      ELSE 1 END), 0) AS "pendingAtEnd",
    ${tally(`c.state IN (${list(OPEN_STATES)})`)} AS "openNow",
    ${tally(`c.state IN ('radicada', 'en_tramite') AND c.due_at < ?::timestamptz`)} AS "overdueNow"
  FROM cases c
  WHERE ${where}
  GROUP BY c.type_code, c.channel`;

const CAUSES_SQL = (where: string) => `
  SELECT g."processId", p.name AS "processName", g."rootCauseId", rc.name AS "rootCauseName",
    g.count
  FROM (
    SELECT c.process_id AS "processId", c.root_cause_id AS "rootCauseId", count(*) AS count
    FROM cases c
    WHERE ${where} AND c.type_code IN (${list(COMPLAINT_TYPES)})
    GROUP BY c.process_id, c.root_cause_id
  ) g
  LEFT JOIN processes p ON p.id = g."processId"
  LEFT JOIN root_causes rc ON rc.id = g."rootCauseId"
  ORDER BY g."processId" IS NULL AND g."rootCauseId" IS NULL, g.count DESC,
    p.name COLLATE "C" NULLS FIRST, rc.name COLLATE "C" NULLS FIRST`;

const PROBLEMS_SQL = `
  SELECT pr.id, pr.title, pr.status, pr.corrective_action AS "correctiveAction",
    s.name AS "ownerName", p.name AS "processName", rc.name AS "rootCauseName",
    ${epochMs('pr.resolved_at')} AS "resolvedAt",
    (SELECT count(*) FROM problem_cases pc WHERE pc.problem_id = pr.id) AS "linkedCases"
  FROM problems pr
  LEFT JOIN staff_users s ON s.id = pr.owner_id
  LEFT JOIN processes p ON p.id = pr.process_id
  LEFT JOIN root_causes rc ON rc.id = pr.root_cause_id
  WHERE pr.created_at < $1 AND (pr.resolved_at IS NULL OR pr.resolved_at >= $2)
  ORDER BY "linkedCases" DESC, pr.id`;

/** The per-type-and-channel cells (at most 8 × 9 rows); `toMs` ends the period, `nowMs` is "now". */
export async function reportCells(
  db: Queryable,
  filter: SqlWhere,
  toMs: number,
  nowMs: number,
): Promise<CellRow[]> {
  const to = new Date(toMs).toISOString();
  const { rows } = await db.query<CellRow>(numbered(CELLS_SQL(filter.where)), [
    to,
    to,
    new Date(nowMs).toISOString(),
    ...filter.params,
  ]);
  return rows;
}

/** Quejas and Reclamos by process › root cause, most frequent first; unclassified ones last. */
export async function reportCauses(db: Queryable, filter: SqlWhere): Promise<CauseRow[]> {
  const { rows } = await db.query<CauseRow>(numbered(CAUSES_SQL(filter.where)), [...filter.params]);
  return rows;
}

/** Problems open at some time during [fromMs, toMs). */
export async function reportProblems(
  db: Queryable,
  fromMs: number,
  toMs: number,
): Promise<ProblemRow[]> {
  const { rows } = await db.query<ProblemRow>(PROBLEMS_SQL, [new Date(toMs), new Date(fromMs)]);
  return rows;
}
