import 'server-only';
import {
  caseForReview,
  caseInteractionRows,
  interactionForReview,
  reviewQueueRows,
  supervisorReviews,
} from '@/db/sql/quality-reviews';
import type { CaseState, CaseType, InteractionKind } from '@/lib/domain/enums';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
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
  const rows = await reviewQueueRows<ReviewQueueRow>(ctx.db, {
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
  const interaction = await interactionForReview<
    ReviewContext['interaction'] & { caseId: number; direction: string }
  >(ctx.db, input.interactionId);
  if (!interaction) throw new AppError('NOT_FOUND', 'interaction not found');
  const theCase = await caseForReview<ReviewContext['case']>(ctx.db, interaction.caseId);
  const reviews = await supervisorReviews<ExistingReview>(
    ctx.db,
    interaction.caseId,
    interaction.id,
  );
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
  return await caseInteractionRows<CaseInteractionRow>(ctx.db, input.caseId, reviewerIdOf(ctx));
}

/** The staff member asking (the system actor has no id: it reviews nothing and is nobody's own). */
function reviewerIdOf(ctx: Ctx): number {
  return ctx.actor.id ?? 0;
}
