import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { teams } from '@/db/tables';
import { TeamAssignmentSchema } from '@/lib/validation/routing';
import { appendAdminEvent } from '../admin/admin-event';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

/** How a team's new cases find an agent: its queue (manual), round robin or least open. */
export async function setTeamAssignment(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'supervision');
  const data = parseInput(TeamAssignmentSchema, input);
  return withTransaction(ctx, async (tx) => {
    const team = await first(
      tx.db.select({ mode: teams.assignmentMode }).from(teams).where(eq(teams.id, data.teamId)),
    );
    if (!team) {
      throw new AppError('VALIDATION', 'unknown team', { fieldErrors: { teamId: ['notFound'] } });
    }
    if (team.mode === data.mode) return { changed: false };
    await tx.db.update(teams).set({ assignmentMode: data.mode }).where(eq(teams.id, data.teamId));
    await appendAdminEvent(tx, 'team_assignment_set', { teamId: data.teamId, mode: data.mode });
    return { changed: true };
  });
}
