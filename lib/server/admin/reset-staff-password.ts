import 'server-only';
import { eq } from 'drizzle-orm';
import { staffUsers } from '@/db/tables';
import { PasswordResetSchema } from '@/lib/validation/admin-people';
import { hashPasswordSync } from '../auth/passwords';
import { endSessionsOf } from '../auth/revocation';
import { withTransaction, type Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';
import { loadStaffUser } from './staff-user-row';

/**
 * An admin sets a new password; only its bcrypt hash is stored, and the event records neither.
 * Every session of that user ends (issue 13 §6).
 */
export async function resetStaffPassword(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(PasswordResetSchema, input);
  const passwordHash = hashPasswordSync(data.password);
  return withTransaction(ctx, async (tx) => {
    const user = await loadStaffUser(tx.db, data.userId);
    await tx.db.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, user.id));
    await endSessionsOf(tx.db, user.id, tx.now);
    await appendAdminEvent(tx, 'password_reset', { userId: user.id, email: user.email });
    return { id: user.id };
  });
}
