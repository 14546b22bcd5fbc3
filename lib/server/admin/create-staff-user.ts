import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { staffUsers, teams } from '@/db/schema';
import { StaffUserSchema, TeamSchema } from '@/lib/validation/staff';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import { hashPasswordSync } from '../auth/passwords';
import type { UseCaseOptions } from '../cases/create-case';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';

function requireAdmin(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'system') throw new AppError('FORBIDDEN');
}

/** Admins (and set-up scripts) create staff accounts; the password is stored only as a bcrypt hash. */
export function createStaffUser(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  requireAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(StaffUserSchema, input);
  const passwordHash = hashPasswordSync(data.password);
  return db.transaction(
    (tx) => {
      const taken = tx
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(eq(sql`lower(${staffUsers.email})`, data.email))
        .get();
      if (taken)
        throw new AppError('VALIDATION', 'email taken', { fieldErrors: { email: ['duplicate'] } });
      if (
        data.teamId !== undefined &&
        !tx.select().from(teams).where(eq(teams.id, data.teamId)).get()
      ) {
        throw new AppError('VALIDATION', 'unknown team', { fieldErrors: { teamId: ['invalid'] } });
      }
      const user = tx
        .insert(staffUsers)
        .values({
          email: data.email,
          name: data.name,
          role: data.role,
          teamId: data.teamId ?? null,
          passwordHash,
          createdAt: now,
        })
        .returning({ id: staffUsers.id })
        .get();
      appendEvent(tx, {
        caseId: null,
        action: 'staff_created',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        data: { userId: user.id, email: data.email, role: data.role, teamId: data.teamId ?? null },
        createdAt: now,
      });
      return { id: user.id };
    },
    { behavior: 'immediate' },
  );
}

export function createTeam(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  requireAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(TeamSchema, input);
  return db.transaction(
    (tx) => {
      if (tx.select().from(teams).where(eq(teams.name, data.name)).get()) {
        throw new AppError('VALIDATION', 'team name taken', {
          fieldErrors: { name: ['duplicate'] },
        });
      }
      const team = tx
        .insert(teams)
        .values({ name: data.name, supervisorId: data.supervisorId ?? null, createdAt: now })
        .returning({ id: teams.id })
        .get();
      appendEvent(tx, {
        caseId: null,
        action: 'team_created',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        data: { teamId: team.id, name: data.name },
        createdAt: now,
      });
      return { id: team.id };
    },
    { behavior: 'immediate' },
  );
}
