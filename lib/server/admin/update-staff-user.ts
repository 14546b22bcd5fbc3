import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { staffUsers, teams } from '@/db/tables';
import { StaffUpdateSchema } from '@/lib/validation/admin-people';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';
import { loadStaffUser } from './staff-user-row';

/** Changes someone's role and team. An admin cannot demote themself (someone must stay admin). */
export async function updateStaffUser(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const actorId = ctx.actor.id;
  const data = parseInput(StaffUpdateSchema, input);
  return withTransaction(ctx, async (tx) => {
    const user = await loadStaffUser(tx.db, data.userId);
    if (user.id === actorId && data.role !== 'admin') {
      throw new AppError('VALIDATION', 'cannot demote yourself', {
        fieldErrors: { role: ['selfDemote'] },
      });
    }
    const teamId = data.teamId ?? null;
    if (teamId !== null && !(await first(tx.db.select().from(teams).where(eq(teams.id, teamId))))) {
      throw new AppError('VALIDATION', 'unknown team', { fieldErrors: { teamId: ['invalid'] } });
    }
    if (user.role === data.role && user.teamId === teamId) return { id: user.id, changed: false };
    await tx.db
      .update(staffUsers)
      .set({ role: data.role, teamId })
      .where(eq(staffUsers.id, user.id));
    await appendAdminEvent(tx, 'staff_updated', {
      userId: user.id,
      before: { role: user.role, teamId: user.teamId },
      after: { role: data.role, teamId },
    });
    return { id: user.id, changed: true };
  });
}
