import 'server-only';
import { first, one } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { interactions, qualityRatings } from '@/db/tables';
import { QualityReviewSchema } from '@/lib/validation/quality-review';
import { appendEvent } from '../core/audit';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

/**
 * Why a supervisor may not review an interaction (the review page shows it instead of the form;
 * the use case refuses it with the same reason).
 */
export type ReviewRefusal = 'own_interaction' | 'already_reviewed' | 'not_reviewable';

export interface ReviewableInteraction {
  id: number;
  caseId: number;
  staffId: number | null;
  direction: string;
}

/** Only what staff sent can be reviewed: an outbound interaction written by someone. */
export async function reviewRefusal(
  db: Conn,
  interaction: ReviewableInteraction,
  reviewerId: number,
): Promise<ReviewRefusal | null> {
  if (interaction.direction !== 'outbound' || interaction.staffId === null) return 'not_reviewable';
  if (interaction.staffId === reviewerId) return 'own_interaction';
  const existing = await first(
    db
      .select({ id: qualityRatings.id })
      .from(qualityRatings)
      .where(
        and(
          eq(qualityRatings.caseId, interaction.caseId),
          eq(qualityRatings.interactionId, interaction.id),
          eq(qualityRatings.source, 'supervisor'),
          eq(qualityRatings.reviewerId, reviewerId),
        ),
      ),
  );
  return existing ? 'already_reviewed' : null;
}

export interface ReviewedInteraction {
  ratingId: number;
  caseId: number;
  eventId: number;
}

/**
 * A supervisor scores one interaction with the rubric (DOMAIN.md §6). The rating is process data
 * of the agent who wrote the interaction; the case's audit history records it (internal) in the
 * same transaction. One review per reviewer and interaction: a second one is refused (CONFLICT),
 * never silently replacing the first; nobody reviews their own interaction.
 */
export async function reviewInteraction(ctx: Ctx, input: unknown): Promise<ReviewedInteraction> {
  const { actor, now } = ctx;
  // A review is a person's judgement: the system actor (which passes staff guards) may not write one.
  if (actor.role === 'system') throw new AppError('FORBIDDEN', 'supervisors only');
  requireRole(actor, 'supervision');
  const review = parseInput(QualityReviewSchema, input);

  return withTransaction(ctx, async ({ db: tx }) => {
    const interaction = await first(
      tx
        .select({
          id: interactions.id,
          caseId: interactions.caseId,
          staffId: interactions.staffId,
          direction: interactions.direction,
        })
        .from(interactions)
        .where(eq(interactions.id, review.interactionId)),
    );
    if (!interaction) throw new AppError('NOT_FOUND', 'interaction not found');
    const refusal = await reviewRefusal(tx, interaction, actor.id);
    if (refusal === 'already_reviewed') {
      throw new AppError('CONFLICT', refusal, { detail: { guard: refusal } });
    }
    if (refusal === 'own_interaction') {
      throw new AppError('FORBIDDEN', refusal, { detail: { guard: refusal } });
    }
    if (refusal) {
      throw new AppError('VALIDATION', refusal, {
        fieldErrors: { interactionId: ['invalid'] },
        detail: { guard: refusal },
      });
    }
    const scores = {
      greeting: review.greeting,
      clarity: review.clarity,
      empathy: review.empathy,
      accuracy: review.accuracy,
      personalTouch: review.personalTouch,
    };
    const ratingId = (
      await one(
        tx
          .insert(qualityRatings)
          .values({
            caseId: interaction.caseId,
            interactionId: interaction.id,
            source: 'supervisor',
            reviewerId: actor.id,
            agentId: interaction.staffId,
            ...scores,
            comment: review.comment ?? null,
            createdAt: now,
          })
          .returning({ id: qualityRatings.id }),
      )
    ).id;
    const eventId = await appendEvent(tx, {
      caseId: interaction.caseId,
      action: 'quality_review',
      actorRole: actor.role,
      actorId: actor.id,
      visibility: 'internal',
      body: review.comment ?? null,
      data: { ratingId, interactionId: interaction.id, agentId: interaction.staffId, ...scores },
      createdAt: now,
    });
    return { ratingId, caseId: interaction.caseId, eventId };
  });
}
