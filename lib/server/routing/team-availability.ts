import 'server-only';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { staffUsers, teams } from '@/db/tables';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { openCasesByAgent } from './team-agents';

export interface TeamMember {
  id: number;
  name: string;
  teamName: string | null;
  isAvailable: boolean;
  awaySince: Date | null;
  openCases: number;
}

/**
 * The agents a supervisor leads (their own team and the teams they supervise; an admin: every
 * team), whether each takes new cases now, since when they are away, and how many open cases
 * they hold: the supervisor's card on the queue page (issue 14 §2).
 */
export async function teamAvailability(ctx: Ctx): Promise<TeamMember[]> {
  requireRole(ctx.actor, 'supervision');
  const { db, actor } = ctx;
  let teamFilter: SQL | undefined;
  if (actor.role === 'supervisor') {
    const led = (
      await db.select({ id: teams.id }).from(teams).where(eq(teams.supervisorId, actor.id))
    ).map((r) => r.id);
    const ids = [...new Set([...led, ...(actor.teamId !== null ? [actor.teamId] : [])])];
    if (ids.length === 0) return [];
    teamFilter = inArray(staffUsers.teamId, ids);
  }
  const people = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      teamName: teams.name,
      isAvailable: staffUsers.isAvailable,
      awaySince: staffUsers.awaySince,
    })
    .from(staffUsers)
    .leftJoin(teams, eq(teams.id, staffUsers.teamId))
    .where(and(eq(staffUsers.role, 'agent'), eq(staffUsers.isActive, true), teamFilter))
    .orderBy(asc(teams.name), asc(staffUsers.name));
  const held = await openCasesByAgent(
    db,
    people.map((p) => p.id),
  );
  return people.map((p) => ({ ...p, openCases: held.get(p.id) ?? 0 }));
}
