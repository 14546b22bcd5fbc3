import 'server-only';
import { eq, lt } from 'drizzle-orm';
import { type Conn, inTransaction } from '@/db/client';
import { revokedSessions, staffUsers } from '@/db/tables';
import type { Ctx } from '../core/context';

/** A staff session lasts 8 hours from its last use (next-auth's rolling JWT). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * Signs one session out on the server (issue 13 §6): its id is kept until the cookie would have
 * expired anyway, and every request presenting it is refused meanwhile. Ids past that are
 * forgotten here, so the list stays as short as the sessions signed out in the last 8 hours.
 */
export async function revokeSession(
  ctx: Ctx,
  session: { sid: string; userId: number },
): Promise<void> {
  const expiresAt = new Date(ctx.now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  await inTransaction(ctx.db, async (tx) => {
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, ctx.now));
    await tx
      .insert(revokedSessions)
      .values({ jti: session.sid, userId: session.userId, expiresAt })
      .onConflictDoNothing();
  });
}

/**
 * Ends every session of a user signed in before `now`: a password reset, a deactivation. Call
 * inside the transaction that makes the change.
 */
export async function endSessionsOf(db: Conn, userId: number, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.update(staffUsers).set({ sessionsValidAfter: now }).where(eq(staffUsers.id, userId));
  });
}

/** Whether a session is still good for the user row read with it. */
export function sessionStands(
  session: { signedInAt: number | undefined; isRevoked: boolean },
  user: { sessionsValidAfter: Date | null },
): boolean {
  if (session.isRevoked || session.signedInAt === undefined) return false;
  return (
    user.sessionsValidAfter === null || session.signedInAt >= user.sessionsValidAfter.getTime()
  );
}
