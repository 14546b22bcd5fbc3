import { NOT_REVIEWED } from '../sql/quality-reviews';
import { epochMs, type Queryable } from './client';

/**
 * The review pages' statements (db/sql/quality-reviews.ts) on PostgreSQL, with SQLite's row
 * shapes: instants as Unix milliseconds, flags as 0 and 1, counts as numbers.
 */

async function all<T>(db: Queryable, text: string, params: readonly unknown[]): Promise<T[]> {
  const { rows } = await db.query<T & Record<string, unknown>>(text, [...params]);
  return rows;
}

/** Outbound interactions nobody has reviewed yet, newest first, without the reviewer's own. */
export async function reviewQueueRows<T>(
  db: Queryable,
  filter: { reviewerId: number; agentId?: number; limit: number; offset: number },
): Promise<T[]> {
  const params: number[] = [filter.reviewerId];
  let agentClause = '';
  if (filter.agentId !== undefined) {
    params.push(filter.agentId);
    agentClause = `AND i.staff_id = $${params.length}`;
  }
  const order = filter.agentId !== undefined ? 'i.created_at DESC, i.id DESC' : 'i.id DESC';
  return all<T>(
    db,
    `SELECT i.id, i.case_id AS "caseId", c.radicado, c.type_code AS "typeCode", i.kind,
         ${epochMs('i.created_at')} AS "createdAt", i.staff_id AS "staffId", s.name AS "staffName",
         substr(i.body, 1, 160) AS excerpt, i.is_canned::int AS "isCanned",
         i.handle_seconds AS "handleSeconds"
       FROM interactions i
       JOIN cases c ON c.id = i.case_id
       LEFT JOIN staff_users s ON s.id = i.staff_id
       WHERE i.direction = 'outbound' AND i.staff_id IS NOT NULL AND i.staff_id <> $1
         ${agentClause} AND ${NOT_REVIEWED}
       ORDER BY ${order}
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
}

/** One interaction with its writer's name, or undefined. */
export async function interactionForReview<T>(
  db: Queryable,
  interactionId: number,
): Promise<T | undefined> {
  const [row] = await all<T>(
    db,
    `SELECT i.id, i.case_id AS "caseId", i.kind, i.direction, i.body,
         ${epochMs('i.created_at')} AS "createdAt", i.staff_id AS "staffId", s.name AS "staffName",
         i.is_canned::int AS "isCanned", i.handle_seconds AS "handleSeconds",
         i.duration_seconds AS "durationSeconds", i.outcome
       FROM interactions i LEFT JOIN staff_users s ON s.id = i.staff_id
       WHERE i.id = $1`,
    [interactionId],
  );
  return row;
}

/** The case an interaction belongs to, as the review page shows it. */
export async function caseForReview<T>(db: Queryable, caseId: number): Promise<T> {
  const [row] = await all<T>(
    db,
    `SELECT id, radicado, type_code AS "typeCode", state, subject, description,
         ${epochMs('received_at')} AS "receivedAt", due_date AS "dueDate"
       FROM cases WHERE id = $1`,
    [caseId],
  );
  return row as T;
}

/** The supervisors' reviews of one interaction, oldest first. */
export async function supervisorReviews<T>(
  db: Queryable,
  caseId: number,
  interactionId: number,
): Promise<T[]> {
  return all<T>(
    db,
    `SELECT qr.id, qr.greeting, qr.clarity, qr.empathy, qr.accuracy,
         qr.personal_touch AS "personalTouch", qr.comment,
         ${epochMs('qr.created_at')} AS "createdAt", r.name AS "reviewerName"
       FROM quality_ratings qr LEFT JOIN staff_users r ON r.id = qr.reviewer_id
       WHERE qr.case_id = $1 AND qr.interaction_id = $2 AND qr.source = 'supervisor'
       ORDER BY qr.id`,
    [caseId, interactionId],
  );
}

/** The case's outbound interactions with how many reviews each has (and whether by the viewer). */
export async function caseInteractionRows<T>(
  db: Queryable,
  caseId: number,
  viewerId: number,
): Promise<T[]> {
  return all<T>(
    db,
    `SELECT i.id, i.kind, ${epochMs('i.created_at')} AS "createdAt", i.staff_id AS "staffId",
         s.name AS "staffName", i.is_canned::int AS "isCanned",
         i.handle_seconds AS "handleSeconds", count(qr.id) AS reviews,
         coalesce(sum((qr.reviewer_id = $1)::int), 0) AS "reviewedByMe"
       FROM interactions i
       LEFT JOIN staff_users s ON s.id = i.staff_id
       LEFT JOIN quality_ratings qr ON qr.case_id = i.case_id AND qr.interaction_id = i.id
         AND qr.source = 'supervisor'
       WHERE i.case_id = $2 AND i.direction = 'outbound' AND i.staff_id IS NOT NULL
       GROUP BY i.id, s.name
       ORDER BY i.created_at, i.id`,
    [viewerId, caseId],
  );
}
