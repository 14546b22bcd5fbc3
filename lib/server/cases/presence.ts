import 'server-only';
import { first } from '@/db/rows';
import { and, eq, gt, lte, ne } from 'drizzle-orm';
import { z } from 'zod';
import { casePresences, cases, staffUsers } from '@/db/tables';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { announce } from '../notices/live';
import { canAccessCase } from './case-access';

/** A page that stops saying it is open is gone after this long (it says so every 10 s). */
export const PRESENCE_TTL_MS = 25_000;

const PresenceSchema = z.object({
  caseId: z.coerce.number().int().positive(),
  isWriting: z.preprocess((v) => v === true || v === 'true', z.boolean()).default(false),
  isLeaving: z.preprocess((v) => v === true || v === 'true', z.boolean()).default(false),
});

export interface Present {
  userId: number;
  name: string;
  isWriting: boolean;
}

/**
 * The case page says "I am here" (and whether its person is writing a reply) and learns who else
 * is (issue 14 §4), so two people do not answer the same petitioner twice. A change is announced
 * on the live channel at once; staff in the case's scope only.
 */
export async function casePresence(ctx: Ctx, input: unknown): Promise<Present[]> {
  requireRole(ctx.actor, 'staff');
  const { caseId, isWriting, isLeaving } = parseInput(PresenceSchema, input);
  const userId = ctx.actor.id;
  const row = await first(
    ctx.db
      .select({ id: cases.id, teamId: cases.teamId, assigneeId: cases.assigneeId })
      .from(cases)
      .where(eq(cases.id, caseId)),
  );
  if (!row || userId === null) throw new AppError('NOT_FOUND', 'case not found');
  if (!canAccessCase(ctx.actor, row)) throw new AppError('FORBIDDEN', 'not your case');
  const until = new Date(ctx.now.getTime() + PRESENCE_TTL_MS);
  const here = and(eq(casePresences.caseId, caseId), eq(casePresences.userId, userId));
  const { before, others } = await withTransaction(ctx, async (tx) => {
    const before = await first(
      tx.db
        .select({ isWriting: casePresences.isWriting })
        .from(casePresences)
        .where(and(here, gt(casePresences.until, tx.now))),
    );
    if (isLeaving) await tx.db.delete(casePresences).where(here);
    else
      await tx.db
        .insert(casePresences)
        .values({ caseId, userId, isWriting, until })
        .onConflictDoUpdate({
          target: [casePresences.caseId, casePresences.userId],
          set: { isWriting, until },
        });
    // The silent are forgotten by whoever looks next (the until index finds them).
    await tx.db.delete(casePresences).where(lte(casePresences.until, tx.now));
    const others = await tx.db
      .select({
        userId: casePresences.userId,
        name: staffUsers.name,
        isWriting: casePresences.isWriting,
      })
      .from(casePresences)
      .innerJoin(staffUsers, eq(staffUsers.id, casePresences.userId))
      .where(and(eq(casePresences.caseId, caseId), ne(casePresences.userId, userId)))
      .orderBy(casePresences.userId);
    return { before, others };
  });
  if (isLeaving || !before || before.isWriting !== isWriting) announce({ presence: caseId });
  return others;
}
