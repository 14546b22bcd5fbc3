import {
  COMPLAINTS_SQL,
  type CauseGrouping,
  type GroupWeekRow,
  type SqlWhere,
} from '../sql/causes';
import { epochMs, numbered, type Queryable } from './client';

/**
 * The root-cause view's and the problem records' statements (db/sql/causes.ts explains them) on
 * PostgreSQL, with SQLite's row shapes: counts and sums as numbers. The view's filter is the one
 * lib/server/supervision/filters.ts builds (`?` placeholders, instants bound as ISO text).
 */

const WEEK_MS = 7 * 86_400_000;

/** Open, unanswered, with the legal clock running and the due instant already past (bound: now). */
const OPEN_OVERDUE = `c.first_answered_at IS NULL AND c.state IN ('radicada', 'en_tramite') AND c.due_at < ?`;

/** The week index of `c.received_at` (see db/sql/causes.ts weekIndexSql), instants as ISO text. */
function weekIndexSql(starts: readonly number[]): SqlWhere {
  const isUniform = starts.every((ms, i) => i === 0 || ms - starts[i - 1]! === WEEK_MS);
  if (isUniform) {
    return {
      where: `floor((${epochMs('c.received_at')} - ?::bigint) / ${WEEK_MS}.0)::int`,
      params: [starts[0]!],
    };
  }
  const branches = starts.slice(1).map((_, i) => `WHEN c.received_at < ?::timestamptz THEN ${i}`);
  return {
    where: `CASE ${branches.join(' ')} ELSE ${starts.length - 1} END`,
    params: starts.slice(1).map((ms) => new Date(ms).toISOString()),
  };
}

/** Every figure summed per (group, week), as db/sql/causes.ts groupWeekFigures. */
export async function groupWeekFigures(
  db: Queryable,
  filter: SqlWhere,
  level: CauseGrouping,
  weekStarts: readonly number[],
  now: Date,
): Promise<GroupWeekRow[]> {
  const week = weekIndexSql(weekStarts);
  const text = `
    SELECT g.*, n.name AS name FROM (
      SELECT ${level.column} AS id, ${week.where} AS week,
             count(*) AS cases,
             count(c.answer_business_days) AS "answeredWithDays",
             coalesce(sum(c.answer_business_days), 0) AS "answerDaysSum",
             count(*) FILTER (WHERE c.answered_on_time = false)
               + count(*) FILTER (WHERE ${OPEN_OVERDUE}) AS late,
             count(c.answered_on_time) + count(*) FILTER (WHERE ${OPEN_OVERDUE}) AS "lateBase",
             count(*) FILTER (WHERE c.reopen_count > 0) AS reopened,
             coalesce(sum(c.repeat_contact_count), 0) AS "repeatContacts",
             count(*) FILTER (WHERE c.repeat_contact_count > 0) AS "withRepeatContacts",
             count(rr.id) AS rated,
             count(*) FILTER (WHERE rr.answer = 'no') AS dissatisfied
      FROM cases c
      LEFT JOIN result_ratings rr ON rr.case_id = c.id
      WHERE ${filter.where}
      GROUP BY 1, 2
    ) g LEFT JOIN ${level.nameTable} n ON n.id = g.id`;
  const nowIso = now.toISOString();
  const { rows } = await db.query<GroupWeekRow>(numbered(text), [
    ...week.params,
    nowIso,
    nowIso,
    ...filter.params,
  ]);
  return rows;
}

/**
 * Complaints of one cause received in [fromMs, toMs) and not linked to the problem yet, oldest
 * first, at most `limit` (db/sql/causes.ts unlinkedCauseComplaintIds).
 */
export async function unlinkedCauseComplaintIds(
  db: Queryable,
  args: {
    fromMs: number;
    toMs: number;
    column: 'root_cause_id' | 'process_id';
    causeId: number;
    problemId: number;
    limit: number;
  },
): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT c.id FROM cases c
       WHERE c.received_at >= $1 AND c.received_at < $2 AND ${COMPLAINTS_SQL}
         AND c.${args.column} = $3
         AND NOT EXISTS (SELECT 1 FROM problem_cases pc WHERE pc.problem_id = $4 AND pc.case_id = c.id)
       ORDER BY c.received_at, c.id LIMIT $5`,
    [
      new Date(args.fromMs).toISOString(),
      new Date(args.toMs).toISOString(),
      args.causeId,
      args.problemId,
      args.limit,
    ],
  );
  return rows.map((r) => r.id);
}
