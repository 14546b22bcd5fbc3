import type { DueCase } from '../sql/alerts';
import { COMPLAINTS_SQL } from '../sql/causes';
import type { SurveyCandidate } from '../sql/surveys';
import { epochMs, type Queryable } from './client';

/**
 * The reads of the scheduled jobs and the problem records on PostgreSQL, with the same answers
 * and row shapes as on SQLite (db/sql/alerts.ts, surveys.ts, problem-effect.ts): instants come
 * back as Unix milliseconds, flags as 0 and 1.
 */

/** Open cases (not paused, not answered) due at or before `limitMs`, soonest first. */
export async function casesDueBy(db: Queryable, limitMs: number): Promise<DueCase[]> {
  const { rows } = await db.query<DueCase>(
    `SELECT c.id, c.radicado, c.subject, ${epochMs('c.due_at')} AS "dueAt", c.due_date AS "dueKey",
            c.assignee_id AS "assigneeId", t.supervisor_id AS "supervisorId"
       FROM cases c LEFT JOIN teams t ON t.id = c.team_id
      WHERE c.state IN ('radicada', 'en_tramite', 'requiere_informacion')
        AND c.due_at IS NOT NULL AND c.due_at <= $1
      ORDER BY c.due_at, c.id`,
    [new Date(limitMs)],
  );
  return rows;
}

/** Answered or closed, named cases first answered in (`afterMs`, `untilMs`], not yet surveyed. */
export async function surveyCandidates(
  db: Queryable,
  afterMs: number,
  untilMs: number,
): Promise<SurveyCandidate[]> {
  const { rows } = await db.query<SurveyCandidate>(
    `SELECT c.id, c.radicado, c.customer_id AS "customerId", c.is_anonymous::int AS "isAnonymous",
            c.locale, c.response_medium AS "responseMedium", c.response_address AS "responseAddress"
       FROM cases c
      WHERE c.first_answered_at > $1 AND c.first_answered_at <= $2
        AND c.state IN ('respondida', 'cerrada') AND NOT c.is_anonymous
        AND NOT EXISTS (SELECT 1 FROM result_ratings r WHERE r.case_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id AND o.kind = 'survey')`,
    [new Date(afterMs), new Date(untilMs)],
  );
  return rows;
}

/** Complaints of one cause (`column` = `root_cause_id` or `process_id`) received in [from, to). */
export async function countCauseComplaints(
  db: Queryable,
  scope: { column: 'root_cause_id' | 'process_id'; id: number },
  from: Date,
  to: Date,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases c
      WHERE c.received_at >= $1 AND c.received_at < $2 AND ${COMPLAINTS_SQL}
        AND c.${scope.column === 'process_id' ? 'process_id' : 'root_cause_id'} = $3`,
    [from, to, scope.id],
  );
  return rows[0]!.n;
}

/** How many cases are linked to a problem. */
export async function countLinkedCases(db: Queryable, problemId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM problem_cases WHERE problem_id = $1',
    [problemId],
  );
  return rows[0]!.n;
}
