import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases, staffUsers } from '@/db/schema';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { announce } from '../notices/live';
import { canAccessCase } from './case-access';

/** A page that stops saying it is open is gone after this long (it says so every 10 s). */
export const PRESENCE_TTL_MS = 25_000;

interface Seen {
  name: string;
  isWriting: boolean;
  until: number;
}
/** Who has which case open, in this process's memory: presence is a moment, not a record. */
const open = new Map<number, Map<number, Seen>>();

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

function othersOn(caseId: number, userId: number, now: number): Present[] {
  const seen = open.get(caseId);
  if (!seen) return [];
  for (const [id, s] of seen) if (s.until <= now) seen.delete(id);
  if (seen.size === 0) open.delete(caseId);
  return [...seen]
    .filter(([id]) => id !== userId)
    .map(([id, s]) => ({ userId: id, name: s.name, isWriting: s.isWriting }));
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
  const row = ctx.db
    .select({ id: cases.id, teamId: cases.teamId, assigneeId: cases.assigneeId })
    .from(cases)
    .where(eq(cases.id, caseId))
    .get();
  if (!row || userId === null) throw new AppError('NOT_FOUND', 'case not found');
  if (!canAccessCase(ctx.actor, row)) throw new AppError('FORBIDDEN', 'not your case');
  const now = ctx.now.getTime();
  let seen = open.get(caseId);
  if (!seen) open.set(caseId, (seen = new Map()));
  const before = seen.get(userId);
  if (isLeaving) {
    seen.delete(userId);
  } else {
    const name =
      before?.name ??
      ctx.db
        .select({ name: staffUsers.name })
        .from(staffUsers)
        .where(eq(staffUsers.id, userId))
        .get()?.name ??
      '';
    seen.set(userId, { name, isWriting, until: now + PRESENCE_TTL_MS });
  }
  if (isLeaving || !before || before.isWriting !== isWriting) announce({ presence: caseId });
  return othersOn(caseId, userId, now);
}
