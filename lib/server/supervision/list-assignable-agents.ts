import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { staffUsers, teams } from '@/db/tables';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';

/** The agents a board may hand cases to: active, with their team, by name. */
export async function listAssignableAgents(ctx: Ctx) {
  requireRole(ctx.actor, 'supervision');
  return await ctx.db
    .select({ id: staffUsers.id, name: staffUsers.name, teamName: teams.name })
    .from(staffUsers)
    .leftJoin(teams, eq(teams.id, staffUsers.teamId))
    .where(and(eq(staffUsers.role, 'agent'), eq(staffUsers.isActive, true)))
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
}
