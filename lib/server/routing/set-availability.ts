import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { staffUsers, teams } from '@/db/tables';
import { AvailabilitySchema } from '@/lib/validation/routing';
import { appendAdminEvent } from '../admin/admin-event';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { hasRole, requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

/** Whether a supervisor leads the person's team (they supervise it, or it is their own team). */
async function leads(tx: Ctx, teamId: number | null): Promise<boolean> {
  if (tx.actor.role !== 'supervisor') return true;
  if (teamId === null) return false;
  if (teamId === tx.actor.teamId) return true;
  const team = await first(
    tx.db.select({ supervisorId: teams.supervisorId }).from(teams).where(eq(teams.id, teamId)),
  );
  return team?.supervisorId === tx.actor.id;
}

/**
 * Marks a staff member available for new cases or away (issue 14): agents for themselves,
 * supervisors for the people of the teams they lead, admins for anyone. Away agents keep their
 * cases; automatic assignment skips them, and after a long absence (AWAY_RETURN_HOURS) their open
 * cases go back to the team's queue (jobs/long-absence.ts), counted from `awaySince`.
 */
export async function setAvailability(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'staff');
  const data = parseInput(AvailabilitySchema, input);
  if (data.userId !== ctx.actor.id && !hasRole(ctx.actor, 'supervision')) {
    throw new AppError('FORBIDDEN', 'availability of someone else');
  }
  return withTransaction(ctx, async (tx) => {
    const user = await first(
      tx.db
        .select({ isAvailable: staffUsers.isAvailable, teamId: staffUsers.teamId })
        .from(staffUsers)
        .where(eq(staffUsers.id, data.userId)),
    );
    if (!user) {
      throw new AppError('VALIDATION', 'unknown user', { fieldErrors: { userId: ['notFound'] } });
    }
    if (data.userId !== tx.actor.id && !(await leads(tx, user.teamId))) {
      throw new AppError('FORBIDDEN', 'not a person of your teams');
    }
    if (user.isAvailable === data.isAvailable) return { changed: false };
    await tx.db
      .update(staffUsers)
      .set({ isAvailable: data.isAvailable, awaySince: data.isAvailable ? null : tx.now })
      .where(eq(staffUsers.id, data.userId));
    await appendAdminEvent(tx, data.isAvailable ? 'staff_available' : 'staff_away', {
      userId: data.userId,
    });
    return { changed: true };
  });
}

/** Whether the signed-in staff member takes new cases now (the queue page's switch). */
export async function myAvailability(ctx: Ctx): Promise<boolean> {
  requireRole(ctx.actor, 'staff');
  const id = ctx.actor.id;
  if (id === null) return false;
  const row = await first(
    ctx.db
      .select({ isAvailable: staffUsers.isAvailable })
      .from(staffUsers)
      .where(eq(staffUsers.id, id)),
  );
  return row?.isAvailable ?? false;
}
