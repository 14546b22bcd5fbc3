import type { Conn } from '../client';
import { COMPLAINTS_SQL } from './causes';
import { sqliteOf } from '../client';

/** Complaints of one cause (`column` = `root_cause_id` or `process_id`) received in [from, to). */
export function countCauseComplaints(
  db: Conn,
  scope: { column: 'root_cause_id' | 'process_id'; id: number },
  from: Date,
  to: Date,
): number {
  return sqliteOf(db)
    .prepare(
      `SELECT count(*) FROM cases c INDEXED BY cases_figures_idx
       WHERE c.received_at >= ? AND c.received_at < ? AND ${COMPLAINTS_SQL} AND c.${scope.column} = ?`,
    )
    .pluck()
    .get(from.getTime(), to.getTime(), scope.id) as number;
}

/** How many cases are linked to a problem. */
export function countLinkedCases(db: Conn, problemId: number): number {
  return sqliteOf(db)
    .prepare('SELECT count(*) FROM problem_cases WHERE problem_id = ?')
    .pluck()
    .get(problemId) as number;
}
