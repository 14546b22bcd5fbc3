import 'server-only';
import { first, one } from '@/db/rows';
import { eq, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, qualityRatings, resultRatings } from '@/db/tables';
import type { CaseState } from '@/lib/domain/enums';
import { RatingSchema } from '@/lib/validation/portal';
import { appendEvent } from '../core/audit';
import { alertStaff } from '../notices/staff-alerts';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { preparedQuery } from '../core/prepared';
import { CaseTargetSchema } from '@/lib/validation/case-action';

/** A case can be rated once it has its answer; reopening it does not invite a second rating. */
const RATEABLE_STATES: readonly CaseState[] = ['respondida', 'cerrada'];

export interface RatedCase {
  caseId: number;
  resultRatingId: number;
  qualityRatingId: number;
}

const ratingOf = preparedQuery((db) =>
  db
    .select({ id: resultRatings.id })
    .from(resultRatings)
    .where(eq(resultRatings.caseId, sql.placeholder('caseId')))
    .prepare(),
);

export async function hasRated(db: Conn, caseId: number): Promise<boolean> {
  return (await ratingOf(db).get({ caseId })) !== undefined;
}

/**
 * The petitioner rates their answered case: the RESULT (did they get what they asked for) and the
 * PROCESS (courtesy and clarity of the person who handled it) go to separate tables and are never
 * combined into one number (DOMAIN.md §6).
 */
export async function rateCase(ctx: Ctx, input: unknown): Promise<RatedCase> {
  const { actor, now } = ctx;
  const { caseId, ...fields } = parseInput(CaseTargetSchema, input);
  // Only the petitioner holding this very case rates it: not staff, not the system, not another case.
  if (actor.role !== 'customer' || actor.caseId !== caseId) throw new AppError('FORBIDDEN');
  const rating = parseInput(RatingSchema, fields);

  return withTransaction(ctx, async ({ db: tx }) => {
    const row = await first(
      tx
        .select({ state: cases.state, assigneeId: cases.assigneeId })
        .from(cases)
        .where(eq(cases.id, caseId)),
    );
    if (!row) throw new AppError('NOT_FOUND', 'case not found');
    if (!RATEABLE_STATES.includes(row.state)) {
      throw new AppError('INVALID_TRANSITION', 'not_answered', {
        detail: { guard: 'not_answered' },
      });
    }
    if (await hasRated(tx, caseId)) {
      throw new AppError('CONFLICT', 'already_rated', { detail: { guard: 'already_rated' } });
    }

    const resultRatingId = (
      await one(
        tx
          .insert(resultRatings)
          .values({ caseId, answer: rating.result, createdAt: now })
          .returning({ id: resultRatings.id }),
      )
    ).id;
    const qualityRatingId = (
      await one(
        tx
          .insert(qualityRatings)
          .values({
            caseId,
            source: 'customer',
            agentId: row.assigneeId,
            courtesy: rating.courtesy,
            clarity: rating.clarity,
            comment: rating.comment ?? null,
            createdAt: now,
          })
          .returning({ id: qualityRatings.id }),
      )
    ).id;

    const eventId = await appendEvent(tx, {
      caseId,
      action: 'rated',
      actorRole: 'customer',
      actorId: null,
      visibility: 'internal',
      data: {
        resultRatingId,
        qualityRatingId,
        result: rating.result,
        courtesy: rating.courtesy,
        clarity: rating.clarity,
      },
      createdAt: now,
    });
    // "The promised result did not arrive" is for whoever answers for the case, now.
    if (rating.result === 'no') {
      await alertStaff(tx, { kind: 'rated_no', caseId, eventId, actorId: null, now });
    }
    return { caseId, resultRatingId, qualityRatingId };
  });
}
