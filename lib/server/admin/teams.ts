import 'server-only';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb, type Conn } from '@/db/client';
import { staffUsers, teams } from '@/db/schema';
import { TeamCreateSchema, TeamUpdateSchema } from '@/lib/validation/admin-people';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import type { UseCaseOptions } from '../cases/create-case';
import { createTeam } from './create-staff-user';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { assertAdmin } from './people';

export interface TeamRow {
  id: number;
  name: string;
  supervisorId: number | null;
  supervisorName: string | null;
  members: number;
}

export function listTeams(actor: Actor, options: UseCaseOptions = {}): TeamRow[] {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const supervisor = alias(staffUsers, 'supervisor');
  return db
    .select({
      id: teams.id,
      name: teams.name,
      supervisorId: teams.supervisorId,
      supervisorName: supervisor.name,
      members: sql<number>`(select count(*) from staff_users m where m.team_id = ${teams.id} and m.is_active = 1)`,
    })
    .from(teams)
    .leftJoin(supervisor, eq(supervisor.id, teams.supervisorId))
    .orderBy(asc(teams.name))
    .all();
}

/** Who may lead a team: active supervisors and admins. */
export function supervisorCandidates(db: Conn) {
  return db
    .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role })
    .from(staffUsers)
    .where(and(eq(staffUsers.isActive, true), inArray(staffUsers.role, ['supervisor', 'admin'])))
    .orderBy(asc(staffUsers.name))
    .all();
}

function assertSupervisor(db: Conn, supervisorId: number | undefined) {
  if (supervisorId === undefined) return;
  if (!supervisorCandidates(db).some((c) => c.id === supervisorId)) {
    throw new AppError('VALIDATION', 'not a supervisor', {
      fieldErrors: { supervisorId: ['supervisorRole'] },
    });
  }
}

/** Creates a team (dependencia) through the shared use case, after checking its supervisor. */
export function createTeamWithSupervisor(
  input: unknown,
  actor: Actor,
  options: UseCaseOptions = {},
) {
  assertAdmin(actor);
  const data = parseInput(TeamCreateSchema, input);
  assertSupervisor(options.db ?? getDb(), data.supervisorId);
  return createTeam(data, actor, options);
}

/** Renames a team and/or sets its supervisor (an active supervisor or admin). */
export function updateTeam(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(TeamUpdateSchema, input);
  return db.transaction(
    (tx) => {
      const team = tx.select().from(teams).where(eq(teams.id, data.teamId)).get();
      if (!team) throw new AppError('NOT_FOUND', 'no such team');
      const clash = tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(sql`lower(${teams.name})`, data.name.toLowerCase()), ne(teams.id, team.id)))
        .get();
      if (clash) {
        throw new AppError('VALIDATION', 'team name taken', {
          fieldErrors: { name: ['duplicate'] },
        });
      }
      const supervisorId = data.supervisorId ?? null;
      if (supervisorId !== team.supervisorId) assertSupervisor(tx, data.supervisorId);
      if (team.name === data.name && team.supervisorId === supervisorId) {
        return { id: team.id, changed: false };
      }
      tx.update(teams).set({ name: data.name, supervisorId }).where(eq(teams.id, team.id)).run();
      appendEvent(tx, {
        caseId: null,
        action: 'team_updated',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        data: {
          teamId: team.id,
          before: { name: team.name, supervisorId: team.supervisorId },
          after: { name: data.name, supervisorId },
        },
        createdAt: now,
      });
      return { id: team.id, changed: true };
    },
    { behavior: 'immediate' },
  );
}
