import type { Conn } from '../client';
import { sqliteOf } from '../client';

/**
 * The statements of the review pages of /calidad (lib/server/supervision/quality-review*.ts): a
 * supervisor's queue of answers to review, one answer with its case, and the reviews given. Small
 * reads of an index page each, here on the request thread (the figures, db/sql/quality.ts, are
 * the heavy ones).
 */

function all<T>(conn: Conn, sql: string, params: readonly unknown[]): T[] {
  return sqliteOf(conn)
    .prepare(sql)
    .all(...params) as T[];
}

/** Engine-neutral SQL: db/pg/quality-reviews.ts uses it too. */
export const NOT_REVIEWED = `NOT EXISTS (SELECT 1 FROM quality_ratings qr
  WHERE qr.case_id = i.case_id AND qr.interaction_id = i.id AND qr.source = 'supervisor')`;

/**
 * Outbound interactions nobody has reviewed yet, newest first, without the reviewer's own.
 * One agent: read along interactions_staff_idx (staff_id, created_at); everyone: newest ids.
 */
export async function reviewQueueRows<T>(
  conn: Conn,
  filter: { reviewerId: number; agentId?: number; limit: number; offset: number },
): Promise<T[]> {
  const params: (number | string)[] = [filter.reviewerId];
  let agentClause = '';
  if (filter.agentId !== undefined) {
    agentClause = 'AND i.staff_id = ?';
    params.push(filter.agentId);
  }
  const order = filter.agentId !== undefined ? 'i.created_at DESC, i.id DESC' : 'i.id DESC';
  return all<T>(
    conn,
    `SELECT i.id, i.case_id AS caseId, c.radicado, c.type_code AS typeCode, i.kind,
         i.created_at AS createdAt, i.staff_id AS staffId, s.name AS staffName,
         substr(i.body, 1, 160) AS excerpt, i.is_canned AS isCanned,
         i.handle_seconds AS handleSeconds
       FROM interactions i
       JOIN cases c ON c.id = i.case_id
       LEFT JOIN staff_users s ON s.id = i.staff_id
       WHERE i.direction = 'outbound' AND i.staff_id IS NOT NULL AND i.staff_id <> ?
         ${agentClause} AND ${NOT_REVIEWED}
       ORDER BY ${order}
       LIMIT ? OFFSET ?`,
    [...params, filter.limit, filter.offset],
  );
}

/** One interaction with its writer's name, or undefined. */
export async function interactionForReview<T>(
  conn: Conn,
  interactionId: number,
): Promise<T | undefined> {
  return sqliteOf(conn)
    .prepare(
      `SELECT i.id, i.case_id AS caseId, i.kind, i.direction, i.body, i.created_at AS createdAt,
         i.staff_id AS staffId, s.name AS staffName, i.is_canned AS isCanned,
         i.handle_seconds AS handleSeconds, i.duration_seconds AS durationSeconds, i.outcome
       FROM interactions i LEFT JOIN staff_users s ON s.id = i.staff_id
       WHERE i.id = ?`,
    )
    .get(interactionId) as T | undefined;
}

/** The case an interaction belongs to, as the review page shows it. */
export async function caseForReview<T>(conn: Conn, caseId: number): Promise<T> {
  return sqliteOf(conn)
    .prepare(
      `SELECT id, radicado, type_code AS typeCode, state, subject, description,
         received_at AS receivedAt, due_date AS dueDate
       FROM cases WHERE id = ?`,
    )
    .get(caseId) as T;
}

const REVIEW_COLUMNS = `qr.id, qr.greeting, qr.clarity, qr.empathy, qr.accuracy,
  qr.personal_touch AS personalTouch, qr.comment, qr.created_at AS createdAt,
  r.name AS reviewerName`;

/** The supervisors' reviews of one interaction, oldest first. */
export async function supervisorReviews<T>(
  conn: Conn,
  caseId: number,
  interactionId: number,
): Promise<T[]> {
  return all<T>(
    conn,
    `SELECT ${REVIEW_COLUMNS}
       FROM quality_ratings qr LEFT JOIN staff_users r ON r.id = qr.reviewer_id
       WHERE qr.case_id = ? AND qr.interaction_id = ? AND qr.source = 'supervisor'
       ORDER BY qr.id`,
    [caseId, interactionId],
  );
}

/** The case's outbound interactions with how many reviews each has (and whether by the viewer). */
export async function caseInteractionRows<T>(
  conn: Conn,
  caseId: number,
  viewerId: number,
): Promise<T[]> {
  return all<T>(
    conn,
    `SELECT i.id, i.kind, i.created_at AS createdAt, i.staff_id AS staffId,
         s.name AS staffName, i.is_canned AS isCanned, i.handle_seconds AS handleSeconds,
         count(qr.id) AS reviews, coalesce(sum(qr.reviewer_id = ?), 0) AS reviewedByMe
       FROM interactions i
       LEFT JOIN staff_users s ON s.id = i.staff_id
       LEFT JOIN quality_ratings qr ON qr.case_id = i.case_id AND qr.interaction_id = i.id
         AND qr.source = 'supervisor'
       WHERE i.case_id = ? AND i.direction = 'outbound' AND i.staff_id IS NOT NULL
       GROUP BY i.id
       ORDER BY i.created_at, i.id`,
    [viewerId, caseId],
  );
}
