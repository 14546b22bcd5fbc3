import 'server-only';
import { changesOf, first } from '@/db/rows';
import { and, asc, eq } from 'drizzle-orm';
import { caseEvents, cases } from '@/db/tables';
import { startOfLocalDay, toLocalDate } from '@/lib/domain/calendar';
import { PostalDeliverySchema } from '@/lib/validation/postal-delivery';
import { appendEvent } from '../core/audit';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { recordAnswerDelivery } from './answer-delivery';
import { canAccessCase } from './case-access';

const NOON_MS = 12 * 3_600_000;

/**
 * Records that the answer of a postal case (medio de respuesta: correo postal) was posted on a
 * given day: the answer's delivery date, which decides whether it was on time. The day may not be in
 * the future nor before the answer (both as local dates in the organisation's zone). The petitioner
 * sees it in their history; posting again corrects the date and is recorded too.
 */
export async function recordPostalDelivery(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'staff');
  const { caseId, postedOn } = parseInput(PostalDeliverySchema, input);
  return withTransaction(ctx, async ({ db: tx, actor, now }) => {
    const row = await first(tx.select().from(cases).where(eq(cases.id, caseId)));
    if (!row) throw new AppError('NOT_FOUND');
    if (!canAccessCase(actor, row)) throw new AppError('FORBIDDEN');
    if (row.responseMedium !== 'postal') {
      throw new AppError('INVALID_TRANSITION', 'not a postal case', {
        detail: { guard: 'not_postal' },
      });
    }
    const answer = await first(
      tx
        .select({ createdAt: caseEvents.createdAt })
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, 'answer')))
        .orderBy(asc(caseEvents.id)),
    );
    if (!answer) {
      throw new AppError('INVALID_TRANSITION', 'not answered yet', {
        detail: { guard: 'not_yet_answered' },
      });
    }
    const { timeZone } = await getOrganization(tx);
    const fail = (key: string) =>
      new AppError('VALIDATION', key, { fieldErrors: { postedOn: [key] } });
    if (postedOn > toLocalDate(now, timeZone)) throw fail('postedInFuture');
    if (postedOn < toLocalDate(answer.createdAt, timeZone)) throw fail('postedBeforeAnswer');
    // Only the day is known: noon that day, kept between the answer and now.
    const noon = startOfLocalDay(postedOn, timeZone).getTime() + NOON_MS;
    const postedAt = new Date(Math.min(Math.max(noon, answer.createdAt.getTime()), now.getTime()));
    const updated = await tx
      .update(cases)
      .set({ answerPostedAt: postedAt, version: row.version + 1, updatedAt: now })
      .where(and(eq(cases.id, row.id), eq(cases.version, row.version)));
    if (changesOf(updated) !== 1) throw new AppError('CONFLICT');
    await recordAnswerDelivery(tx, row.id, postedAt, 'postal', { correct: true });
    const eventId = await appendEvent(tx, {
      caseId,
      action: 'answer_posted',
      actorRole: actor.role,
      actorId: actor.id,
      visibility: 'public',
      data: { postedOn },
      createdAt: now,
    });
    return { eventId, postedAt };
  });
}
