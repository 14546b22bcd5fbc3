import type { Conn } from '../client';
import { sqliteOf } from '../client';
import { readAll } from '../read-pool';

/**
 * Raw statements of the root-cause view and the problem records (lib/server/causes): the figures
 * are one aggregate over the covering index, which drizzle's builder cannot name (`INDEXED BY`).
 * Each function takes the connection it reads: the database or an open transaction.
 */

/** A WHERE clause and its bound parameters (the shape lib/server/supervision/filters builds). */
export interface SqlWhere {
  where: string;
  params: unknown[];
}

/**
 * Complaints (Quejas and Reclamos) as the root-cause view counts them: a duplicate merged into
 * another case is not a complaint of its own (it is a repeat contact on the surviving case).
 */
export const COMPLAINTS_SQL = `c.type_code IN ('Q', 'R') AND c.state <> 'fusionada'`;

/** Open, unanswered, with the legal clock running and the due instant already past (bound: now). */
const OPEN_OVERDUE = `(c.first_answered_at IS NULL AND c.state IN ('radicada', 'en_tramite') AND c.due_at < ?)`;

export interface GroupWeekRow {
  id: number | null;
  name: string | null;
  week: number;
  cases: number;
  answeredWithDays: number;
  answerDaysSum: number;
  late: number;
  lateBase: number;
  reopened: number;
  repeatContacts: number;
  withRepeatContacts: number;
  rated: number;
  dissatisfied: number;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The week index of `c.received_at`, from the local Mondays' instants (ms). Where every week is
 * exactly 7 × 24 h long (no DST in the period, as in Bogotá) it is one division; otherwise the
 * Mondays are compared in turn.
 */
function weekIndexSql(starts: readonly number[]): SqlWhere {
  const isUniform = starts.every((ms, i) => i === 0 || ms - starts[i - 1]! === WEEK_MS);
  if (isUniform) {
    // A bound number may arrive as a REAL: the cast keeps the index whole (never negative here).
    return { where: `CAST((c.received_at - ?) / ${WEEK_MS} AS INTEGER)`, params: [starts[0]!] };
  }
  const branches = starts.slice(1).map((_, i) => `WHEN c.received_at < ? THEN ${i}`);
  return {
    where: `CASE ${branches.join(' ')} ELSE ${starts.length - 1} END`,
    params: starts.slice(1),
  };
}

/** The grouping column of a level of the view and the catalogue that names its rows. */
export interface CauseGrouping {
  column: 'c.process_id' | 'c.root_cause_id';
  nameTable: 'processes' | 'root_causes';
}

/**
 * One scan of the covering index: every figure summed per (group, week). `level.column` is the
 * grouping column, `level.nameTable` the catalogue that names it; `weekStarts` the instants (ms)
 * the local Mondays of the period start at.
 */
export function groupWeekFigures(
  db: Conn,
  filter: SqlWhere,
  level: CauseGrouping,
  weekStarts: readonly number[],
  now: Date,
): Promise<GroupWeekRow[]> {
  const column = level.column;
  const week = weekIndexSql(weekStarts);
  const sql = `
    SELECT g.*, n.name AS name FROM (
      SELECT ${column} AS id, ${week.where} AS week,
             count(*) AS cases,
             count(c.answer_business_days) AS answeredWithDays,
             coalesce(sum(c.answer_business_days), 0) AS answerDaysSum,
             coalesce(sum(c.answered_on_time = 0), 0) + coalesce(sum(${OPEN_OVERDUE}), 0) AS late,
             count(c.answered_on_time) + coalesce(sum(${OPEN_OVERDUE}), 0) AS lateBase,
             coalesce(sum(c.reopen_count > 0), 0) AS reopened,
             coalesce(sum(c.repeat_contact_count), 0) AS repeatContacts,
             coalesce(sum(c.repeat_contact_count > 0), 0) AS withRepeatContacts,
             count(rr.id) AS rated,
             coalesce(sum(rr.answer = 'no'), 0) AS dissatisfied
      FROM cases c INDEXED BY cases_figures_idx
      LEFT JOIN result_ratings rr ON rr.case_id = c.id
      WHERE ${filter.where}
      GROUP BY 1, 2
    ) g LEFT JOIN ${level.nameTable} n ON n.id = g.id`;
  const nowMs = now.getTime();
  // The heavy read of /causas: in the read pool (db/read-pool.ts), off the request thread.
  return readAll(db, sql, [...week.params, nowMs, nowMs, ...filter.params]);
}

/**
 * Complaints of one cause (`column` = `root_cause_id` or `process_id`) received in [fromMs, toMs)
 * and not linked to the problem yet, oldest first, at most `limit`.
 */
export function unlinkedCauseComplaintIds(
  db: Conn,
  args: {
    fromMs: number;
    toMs: number;
    column: 'root_cause_id' | 'process_id';
    causeId: number;
    problemId: number;
    limit: number;
  },
): number[] {
  return sqliteOf(db)
    .prepare(
      `SELECT c.id FROM cases c INDEXED BY cases_figures_idx
           WHERE c.received_at >= ? AND c.received_at < ? AND ${COMPLAINTS_SQL}
             AND c.${args.column} = ?
             AND NOT EXISTS (SELECT 1 FROM problem_cases pc WHERE pc.problem_id = ? AND pc.case_id = c.id)
           ORDER BY c.received_at, c.id LIMIT ?`,
    )
    .pluck()
    .all(args.fromMs, args.toMs, args.causeId, args.problemId, args.limit) as number[];
}
