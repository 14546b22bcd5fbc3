import 'server-only';
import type { Conn } from '@/db/client';
import * as liteReviews from '@/db/sql/quality-reviews';
import * as pgReviews from '@/db/pg/quality-reviews';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import type { CaseState, CaseType, InteractionKind } from '@/lib/domain/enums';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { reviewRefusal, type ReviewRefusal } from './quality-review';

type QueueFilter = Parameters<typeof liteReviews.reviewQueueRows>[1];

/**
 * The review screens' reads on `db`'s engine, with the same row shapes:
 * db/pg/quality-reviews.ts on PostgreSQL, db/sql/quality-reviews.ts on SQLite.
 */
function reviewReads(db: Conn) {
  if (isPg(db)) {
    const pg = pgQueryable(db);
    return {
      queue: <T>(filter: QueueFilter) => pgReviews.reviewQueueRows<T>(pg, filter),
      interaction: <T>(id: number) => pgReviews.interactionForReview<T>(pg, id),
      theCase: <T>(caseId: number) => pgReviews.caseForReview<T>(pg, caseId),
      reviews: <T>(caseId: number, interactionId: number) =>
        pgReviews.supervisorReviews<T>(pg, caseId, interactionId),
      interactions: <T>(caseId: number, viewerId: number) =>
        pgReviews.caseInteractionRows<T>(pg, caseId, viewerId),
    };
  }
  return {
    queue: <T>(filter: QueueFilter) => liteReviews.reviewQueueRows<T>(db, filter),
    interaction: <T>(id: number) => liteReviews.interactionForReview<T>(db, id),
    theCase: <T>(caseId: number) => liteReviews.caseForReview<T>(db, caseId),
    reviews: <T>(caseId: number, interactionId: number) =>
      liteReviews.supervisorReviews<T>(db, caseId, interactionId),
    interactions: <T>(caseId: number, viewerId: number) =>
      liteReviews.caseInteractionRows<T>(db, caseId, viewerId),
  };
}

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

/**
 * Outbound interactions nobody has reviewed yet, newest first, without the reviewer's own.
 * Paged by look-ahead (one row more than the page) instead of counting the whole table.
 */
export async function listReviewQueue(
  ctx: Ctx,
  filter: { agentId?: number; page: number },
): Promise<{ rows: ReviewQueueRow[]; page: number; hasNext: boolean }> {
  requireRole(ctx.actor, 'supervision');
  const page = Math.max(1, Math.floor(filter.page));
  const rows = await reviewReads(ctx.db).queue<ReviewQueueRow>({
    reviewerId: reviewerIdOf(ctx),
    ...(filter.agentId !== undefined ? { agentId: filter.agentId } : {}),
    limit: REVIEW_PAGE_SIZE + 1,
    offset: (page - 1) * REVIEW_PAGE_SIZE,
  });
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

/** One interaction with its case and the reviews it already has, for the review form. */
export async function getReviewContext(
  ctx: Ctx,
  input: { interactionId: number },
): Promise<ReviewContext> {
  requireRole(ctx.actor, 'supervision');
  const reads = reviewReads(ctx.db);
  const interaction = await reads.interaction<
    ReviewContext['interaction'] & { caseId: number; direction: string }
  >(input.interactionId);
  if (!interaction) throw new AppError('NOT_FOUND', 'interaction not found');
  const theCase = await reads.theCase<ReviewContext['case']>(interaction.caseId);
  const reviews = await reads.reviews<ExistingReview>(interaction.caseId, interaction.id);
  const { caseId: _caseId, direction: _direction, ...shown } = interaction;
  return {
    interaction: shown,
    case: theCase,
    reviews,
    refusal: await reviewRefusal(ctx.db, interaction, reviewerIdOf(ctx)),
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

/** The case's outbound interactions (what staff sent), with how many reviews each has: any staff. */
export async function listCaseInteractions(
  ctx: Ctx,
  input: { caseId: number },
): Promise<CaseInteractionRow[]> {
  requireRole(ctx.actor, 'staff');
  return await reviewReads(ctx.db).interactions<CaseInteractionRow>(
    input.caseId,
    reviewerIdOf(ctx),
  );
}

/** The staff member asking (the system actor has no id: it reviews nothing and is nobody's own). */
function reviewerIdOf(ctx: Ctx): number {
  return ctx.actor.id ?? 0;
}
