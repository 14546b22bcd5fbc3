import 'server-only';
import { eq } from 'drizzle-orm';
import { staffUsers } from '@/db/tables';
import { StaffActiveSchema } from '@/lib/validation/admin-people';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { endSessionsOf } from '../auth/revocation';
import { returnCasesToQueue } from '../routing/return-to-queue';
import { appendAdminEvent } from './admin-event';
import { loadStaffUser } from './staff-user-row';

/**
 * Deactivates or reactivates an account; nobody is ever deleted (their history stays attributed).
 * A deactivated user is refused at sign-in and on their next request, and their sessions end for
 * good: reactivation asks them to sign in again.
 */
export async function setStaffActive(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const actorId = ctx.actor.id;
  const data = parseInput(StaffActiveSchema, input);
  return withTransaction(ctx, async (tx) => {
    const user = await loadStaffUser(tx.db, data.userId);
    if (user.id === actorId && !data.isActive) {
      throw new AppError('VALIDATION', 'cannot deactivate yourself', {
        fieldErrors: { isActive: ['selfDeactivate'] },
      });
    }
    if (user.isActive === data.isActive) return { id: user.id, changed: false };
    await tx.db
      .update(staffUsers)
      .set({ isActive: data.isActive })
      .where(eq(staffUsers.id, user.id));
    // Reactivating later must not bring back a cookie from before.
    if (!data.isActive) {
      await endSessionsOf(tx.db, user.id, tx.now);
      // Their open cases go back to the team's queue, and the supervisor hears of each.
      await returnCasesToQueue(tx, user.id, 'deactivated');
    }
    await appendAdminEvent(tx, data.isActive ? 'staff_reactivated' : 'staff_deactivated', {
      userId: user.id,
      email: user.email,
    });
    return { id: user.id, changed: true };
  });
}
