import 'server-only';
import { first } from '@/db/rows';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Conn } from '@/db/client';
import { staffUsers, teams } from '@/db/tables';
import { TeamCreateSchema, TeamUpdateSchema } from '@/lib/validation/admin-people';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';
import { createTeam } from './create-team';

export interface TeamRow {
  id: number;
  name: string;
  supervisorId: number | null;
  supervisorName: string | null;
  members: number;
}

export async function listTeams(ctx: Ctx): Promise<TeamRow[]> {
  requireRole(ctx.actor, 'admin');
  const supervisor = alias(staffUsers, 'supervisor');
  return await ctx.db
    .select({
      id: teams.id,
      name: teams.name,
      supervisorId: teams.supervisorId,
      supervisorName: supervisor.name,
      members: sql<number>`(select count(*) from staff_users m where m.team_id = ${teams.id} and m.is_active IS TRUE)`,
    })
    .from(teams)
    .leftJoin(supervisor, eq(supervisor.id, teams.supervisorId))
    .orderBy(asc(teams.name));
}

/** Who may lead a team: active supervisors and admins. */
export async function listSupervisorCandidates(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  return await supervisorCandidates(ctx.db);
}

async function supervisorCandidates(db: Conn) {
  return await db
    .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role })
    .from(staffUsers)
    .where(and(eq(staffUsers.isActive, true), inArray(staffUsers.role, ['supervisor', 'admin'])))
    .orderBy(asc(staffUsers.name));
}

async function assertSupervisor(db: Conn, supervisorId: number | undefined) {
  if (supervisorId === undefined) return;
  if (!(await supervisorCandidates(db)).some((c) => c.id === supervisorId)) {
    throw new AppError('VALIDATION', 'not a supervisor', {
      fieldErrors: { supervisorId: ['supervisorRole'] },
    });
  }
}

/** Creates a team (dependencia) through the shared verb, after checking its supervisor. */
export async function createTeamWithSupervisor(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(TeamCreateSchema, input);
  // One transaction: the supervisor cannot lose the role between the check and the team.
  return withTransaction(ctx, async (tx) => {
    await assertSupervisor(tx.db, data.supervisorId);
    return createTeam(tx, data);
  });
}

/** Renames a team and/or sets its supervisor (an active supervisor or admin). */
export async function updateTeam(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(TeamUpdateSchema, input);
  return withTransaction(ctx, async (tx) => {
    const team = await first(tx.db.select().from(teams).where(eq(teams.id, data.teamId)));
    if (!team) throw new AppError('NOT_FOUND', 'no such team');
    const clash = await first(
      tx.db
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(sql`lower(${teams.name})`, data.name.toLowerCase()), ne(teams.id, team.id))),
    );
    if (clash) {
      throw new AppError('VALIDATION', 'team name taken', { fieldErrors: { name: ['duplicate'] } });
    }
    const supervisorId = data.supervisorId ?? null;
    if (supervisorId !== team.supervisorId) await assertSupervisor(tx.db, data.supervisorId);
    if (team.name === data.name && team.supervisorId === supervisorId) {
      return { id: team.id, changed: false };
    }
    await tx.db.update(teams).set({ name: data.name, supervisorId }).where(eq(teams.id, team.id));
    await appendAdminEvent(tx, 'team_updated', {
      teamId: team.id,
      before: { name: team.name, supervisorId: team.supervisorId },
      after: { name: data.name, supervisorId },
    });
    return { id: team.id, changed: true };
  });
}
