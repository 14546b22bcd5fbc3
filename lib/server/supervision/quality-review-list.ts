import 'server-only';
import { getDb, type Db } from '@/db/client';
import type { CaseState, CaseType, InteractionKind } from '@/lib/domain/enums';
import type { StaffActor } from '../auth/session';
import { AppError } from '../core/errors';
import { canSupervise } from './access';
import { reviewRefusal, type ReviewRefusal } from './quality-review';

/** What the quality-review screens read: the queue of unreviewed interactions and one in context. */
export const REVIEW_PAGE_SIZE = 25;

export interface ReviewQueueRow {
  id: number;
  caseId: number;
  radicado: string;
  typeCode: CaseType;
  kind: InteractionKind;
  createdAt: number;
  staffId: number;
  staffName: string | null;
  excerpt: string | null;
  isCanned: number;
  handleSeconds: number | null;
}

const NOT_REVIEWED = `NOT EXISTS (SELECT 1 FROM quality_ratings qr
  WHERE qr.case_id = i.case_id AND qr.interaction_id = i.id AND qr.source = 'supervisor')`;

function requireReviewer(reviewer: StaffActor): void {
  if (!canSupervise(reviewer.role)) throw new AppError('FORBIDDEN', 'supervisors only');
}

/**
 * Outbound interactions nobody has reviewed yet, newest first, without the reviewer's own.
 * Paged by look-ahead (one row more than the page) instead of counting the whole table.
 */
export function listReviewQueue(
  filter: { agentId?: number; page: number },
  reviewer: StaffActor,
  options: { db?: Db } = {},
): { rows: ReviewQueueRow[]; page: number; hasNext: boolean } {
  requireReviewer(reviewer);
  const db = options.db ?? getDb();
  const page = Math.max(1, Math.floor(filter.page));
  const params: (number | string)[] = [reviewer.id];
  let agentClause = '';
  if (filter.agentId !== undefined) {
    agentClause = 'AND i.staff_id = ?';
    params.push(filter.agentId);
  }
  // One agent: read along interactions_staff_idx (staff_id, created_at); everyone: newest ids.
  const order = filter.agentId !== undefined ? 'i.created_at DESC, i.id DESC' : 'i.id DESC';
  const rows = db.$client
    .prepare(
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
    )
    .all(...params, REVIEW_PAGE_SIZE + 1, (page - 1) * REVIEW_PAGE_SIZE) as ReviewQueueRow[];
  return { rows: rows.slice(0, REVIEW_PAGE_SIZE), page, hasNext: rows.length > REVIEW_PAGE_SIZE };
}

export interface ReviewScores {
  greeting: number | null;
  clarity: number | null;
  empathy: number | null;
  accuracy: number | null;
  personalTouch: number | null;
}

export interface ExistingReview extends ReviewScores {
  id: number;
  reviewerName: string | null;
  comment: string | null;
  createdAt: number;
}

export interface ReviewContext {
  interaction: {
    id: number;
    kind: InteractionKind;
    body: string | null;
    createdAt: number;
    staffId: number | null;
    staffName: string | null;
    isCanned: number;
    handleSeconds: number | null;
    durationSeconds: number | null;
    outcome: string | null;
  };
  case: {
    id: number;
    radicado: string;
    typeCode: CaseType;
    state: CaseState;
    subject: string;
    description: string;
    receivedAt: number;
    dueDate: string | null;
  };
  reviews: ExistingReview[];
  /** Why this reviewer may not review it (null: the form is shown). */
  refusal: ReviewRefusal | null;
}

const REVIEW_COLUMNS = `qr.id, qr.greeting, qr.clarity, qr.empathy, qr.accuracy,
  qr.personal_touch AS personalTouch, qr.comment, qr.created_at AS createdAt,
  r.name AS reviewerName`;

/** One interaction with its case and the reviews it already has, for the review form. */
export function getReviewContext(
  interactionId: number,
  reviewer: StaffActor,
  options: { db?: Db } = {},
): ReviewContext {
  requireReviewer(reviewer);
  const db = options.db ?? getDb();
  const interaction = db.$client
    .prepare(
      `SELECT i.id, i.case_id AS caseId, i.kind, i.direction, i.body, i.created_at AS createdAt,
         i.staff_id AS staffId, s.name AS staffName, i.is_canned AS isCanned,
         i.handle_seconds AS handleSeconds, i.duration_seconds AS durationSeconds, i.outcome
       FROM interactions i LEFT JOIN staff_users s ON s.id = i.staff_id
       WHERE i.id = ?`,
    )
    .get(interactionId) as
    (ReviewContext['interaction'] & { caseId: number; direction: string }) | undefined;
  if (!interaction) throw new AppError('NOT_FOUND', 'interaction not found');
  const theCase = db.$client
    .prepare(
      `SELECT id, radicado, type_code AS typeCode, state, subject, description,
         received_at AS receivedAt, coalesce(extended_due_date, due_date) AS dueDate
       FROM cases WHERE id = ?`,
    )
    .get(interaction.caseId) as ReviewContext['case'];
  const reviews = db.$client
    .prepare(
      `SELECT ${REVIEW_COLUMNS}
       FROM quality_ratings qr LEFT JOIN staff_users r ON r.id = qr.reviewer_id
       WHERE qr.case_id = ? AND qr.interaction_id = ? AND qr.source = 'supervisor'
       ORDER BY qr.id`,
    )
    .all(interaction.caseId, interaction.id) as ExistingReview[];
  const { caseId: _caseId, direction: _direction, ...shown } = interaction;
  return {
    interaction: shown,
    case: theCase,
    reviews,
    refusal: reviewRefusal(db, interaction, reviewer.id),
  };
}

export interface CaseInteractionRow {
  id: number;
  kind: InteractionKind;
  createdAt: number;
  staffId: number | null;
  staffName: string | null;
  isCanned: number;
  handleSeconds: number | null;
  reviews: number;
  reviewedByMe: number;
}

/** The case's outbound interactions (what staff sent), with how many reviews each has. */
export function listCaseInteractions(
  caseId: number,
  viewerId: number,
  options: { db?: Db } = {},
): CaseInteractionRow[] {
  const db = options.db ?? getDb();
  return db.$client
    .prepare(
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
    )
    .all(viewerId, caseId) as CaseInteractionRow[];
}
