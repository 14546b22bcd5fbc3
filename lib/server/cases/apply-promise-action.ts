import 'server-only';
import { changesOf, first, one } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases, promises } from '@/db/tables';
import { decidePromiseAction } from '@/lib/domain/promises';
import { isoInstant, optionalText } from '@/lib/validation/fields';

import { appendEvent } from '../core/audit';
import { canAccessCase } from './case-access';
import { AppError } from '../core/errors';
import { enqueueCaseNotice } from '../notices/case-notices';
import { alertPromise } from '../notices/promise-alerts';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { withTransaction, type Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { PromiseTargetSchema } from '@/lib/validation/case-action';

export const PromiseActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep'), note: optionalText(1000) }),
  z.object({
    action: z.literal('renegotiate'),
    newDueAt: isoInstant,
    reason: z.string({ error: 'required' }).trim().min(3, { error: 'tooShort' }).max(1000),
    description: optionalText(500),
  }),
  z.object({ action: z.literal('break') }),
]);

/**
 * Keeps, breaks or renegotiates a promise. A renegotiation never edits the original: it is marked
 * 'renegotiated' and a successor promise carries the new time; the customer sees both.
 */
export async function applyPromiseAction(ctx: Ctx, input: unknown) {
  const { actor, now } = ctx;
  requireRole(actor, 'staff');
  const { promiseId, ...rest } = parseInput(PromiseTargetSchema, input);
  const request = parseInput(PromiseActionSchema, rest);
  return withTransaction(ctx, async ({ db: tx }) => {
    const p = await first(tx.select().from(promises).where(eq(promises.id, promiseId)));
    if (!p) throw new AppError('NOT_FOUND');
    const owner = await first(
      tx
        .select({
          id: cases.id,
          teamId: cases.teamId,
          assigneeId: cases.assigneeId,
          radicado: cases.radicado,
          customerId: cases.customerId,
          isAnonymous: cases.isAnonymous,
          locale: cases.locale,
          responseMedium: cases.responseMedium,
          responseAddress: cases.responseAddress,
        })
        .from(cases)
        .where(eq(cases.id, p.caseId)),
    );
    if (!owner || !canAccessCase(actor, owner)) throw new AppError('FORBIDDEN');
    const decision = decidePromiseAction(p, request.action, {
      now,
      newDueAt: request.action === 'renegotiate' ? request.newDueAt : undefined,
      reason: request.action === 'renegotiate' ? request.reason : undefined,
    });
    if (!decision.ok) {
      const field = decision.reason === 'new_due_not_future' ? 'newDueAt' : null;
      if (field)
        throw new AppError('VALIDATION', decision.reason, {
          fieldErrors: { [field]: ['future'] },
        });
      throw new AppError('INVALID_TRANSITION', decision.reason, {
        detail: { guard: decision.reason },
      });
    }
    const updated = await tx
      .update(promises)
      .set({ status: decision.to, resolvedAt: now })
      .where(and(eq(promises.id, p.id), eq(promises.status, 'pending')));
    if (changesOf(updated) !== 1) throw new AppError('CONFLICT');
    let successorId: number | null = null;
    if (request.action === 'renegotiate') {
      successorId = (
        await one(
          tx
            .insert(promises)
            .values({
              caseId: p.caseId,
              description: request.description ?? p.description,
              ownerId: p.ownerId,
              teamId: p.teamId,
              dueAt: request.newDueAt,
              isVisibleToCustomer: p.isVisibleToCustomer,
              predecessorId: p.id,
              renegotiationReason: request.reason,
              createdById: actor.id,
              createdAt: now,
            })
            .returning({ id: promises.id }),
        )
      ).id;
    }
    await appendEvent(tx, {
      caseId: p.caseId,
      action: `promise_${request.action}`,
      actorRole: actor.role,
      actorId: actor.id,
      visibility: p.isVisibleToCustomer ? 'public' : 'internal',
      body: request.action === 'renegotiate' ? request.reason : null,
      data: {
        promiseId: p.id,
        successorId,
        previousDueAt: p.dueAt.toISOString(),
        ...(request.action === 'renegotiate' ? { newDueAt: request.newDueAt.toISOString() } : {}),
      },
      createdAt: now,
    });
    if (request.action === 'break') {
      await alertPromise(tx, { promise: p, kind: 'promise_broken', actorId: actor.id, now });
    }
    if (request.action === 'renegotiate' && p.isVisibleToCustomer && successorId !== null) {
      const org = await getOrganization(tx);
      await enqueueCaseNotice(
        tx,
        owner,
        {
          kind: 'promise_renegotiate',
          orgName: org.name,
          timeZone: org.timeZone,
          body: request.reason,
          promise: {
            description: request.description ?? p.description,
            dueAt: request.newDueAt,
          },
        },
        { now, dedupeKey: `promise.${successorId}` },
      );
    }
    // A call-back kept is the call itself: the petitioner was on the line.
    if (request.action === 'keep' && p.isVisibleToCustomer && p.description !== 'callback') {
      const org = await getOrganization(tx);
      await enqueueCaseNotice(
        tx,
        owner,
        {
          kind: 'promise_kept',
          orgName: org.name,
          timeZone: org.timeZone,
          promise: { description: p.description, dueAt: p.dueAt },
        },
        { now, dedupeKey: `promise.${p.id}.kept` },
      );
    }
    return { promiseId: p.id, status: decision.to, successorId };
  });
}
