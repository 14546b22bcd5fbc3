import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import { getDb, type Conn } from '@/db/client';
import { staffUsers, teams } from '@/db/schema';
import {
  PasswordResetSchema,
  StaffActiveSchema,
  StaffUpdateSchema,
} from '@/lib/validation/admin-people';
import type { StaffRole } from '@/lib/domain/enums';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import { hashPasswordSync } from '../auth/passwords';
import type { UseCaseOptions } from '../cases/create-case';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';

/** Only admins manage people; everyone else is refused before anything is read. */
export function assertAdmin(actor: Actor): asserts actor is Extract<Actor, { role: StaffRole }> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'admins only');
}

export interface StaffListRow {
  id: number;
  name: string;
  email: string;
  role: 'agent' | 'supervisor' | 'admin';
  teamId: number | null;
  teamName: string | null;
  isActive: boolean;
  lastSignInAt: Date | null;
}

const staffColumns = {
  id: staffUsers.id,
  name: staffUsers.name,
  email: staffUsers.email,
  role: staffUsers.role,
  teamId: staffUsers.teamId,
  teamName: teams.name,
  isActive: staffUsers.isActive,
  lastSignInAt: staffUsers.lastSignInAt,
};

export function listStaff(actor: Actor, options: UseCaseOptions = {}): StaffListRow[] {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  return db
    .select(staffColumns)
    .from(staffUsers)
    .leftJoin(teams, eq(teams.id, staffUsers.teamId))
    .orderBy(desc(staffUsers.isActive), asc(staffUsers.name))
    .all();
}

export function getStaffMember(
  userId: number,
  actor: Actor,
  options: UseCaseOptions = {},
): StaffListRow {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const row = db
    .select(staffColumns)
    .from(staffUsers)
    .leftJoin(teams, eq(teams.id, staffUsers.teamId))
    .where(eq(staffUsers.id, userId))
    .get();
  if (!row) throw new AppError('NOT_FOUND', 'no such staff member');
  return row;
}

function loadUser(tx: Conn, userId: number) {
  const user = tx.select().from(staffUsers).where(eq(staffUsers.id, userId)).get();
  if (!user) throw new AppError('NOT_FOUND', 'no such staff member');
  return user;
}

function audit(tx: Conn, actor: Actor, action: string, data: Record<string, unknown>, now: Date) {
  appendEvent(tx, {
    caseId: null,
    action,
    actorRole: actor.role,
    actorId: 'id' in actor ? actor.id : null,
    visibility: 'internal',
    data,
    createdAt: now,
  });
}

/** Changes someone's role and team. An admin cannot demote themself (someone must stay admin). */
export function updateStaffUser(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(StaffUpdateSchema, input);
  return db.transaction(
    (tx) => {
      const user = loadUser(tx, data.userId);
      if (user.id === actor.id && data.role !== 'admin') {
        throw new AppError('VALIDATION', 'cannot demote yourself', {
          fieldErrors: { role: ['selfDemote'] },
        });
      }
      const teamId = data.teamId ?? null;
      if (teamId !== null && !tx.select().from(teams).where(eq(teams.id, teamId)).get()) {
        throw new AppError('VALIDATION', 'unknown team', { fieldErrors: { teamId: ['invalid'] } });
      }
      if (user.role === data.role && user.teamId === teamId) return { id: user.id, changed: false };
      tx.update(staffUsers)
        .set({ role: data.role, teamId })
        .where(eq(staffUsers.id, user.id))
        .run();
      audit(
        tx,
        actor,
        'staff_updated',
        {
          userId: user.id,
          before: { role: user.role, teamId: user.teamId },
          after: { role: data.role, teamId },
        },
        now,
      );
      return { id: user.id, changed: true };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Deactivates or reactivates an account; nobody is ever deleted (their history stays attributed).
 * A deactivated user is refused at sign-in and on their next request (session re-reads is_active).
 */
export function setStaffActive(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(StaffActiveSchema, input);
  return db.transaction(
    (tx) => {
      const user = loadUser(tx, data.userId);
      if (user.id === actor.id && !data.isActive) {
        throw new AppError('VALIDATION', 'cannot deactivate yourself', {
          fieldErrors: { isActive: ['selfDeactivate'] },
        });
      }
      if (user.isActive === data.isActive) return { id: user.id, changed: false };
      tx.update(staffUsers)
        .set({ isActive: data.isActive })
        .where(eq(staffUsers.id, user.id))
        .run();
      audit(
        tx,
        actor,
        data.isActive ? 'staff_reactivated' : 'staff_deactivated',
        { userId: user.id, email: user.email },
        now,
      );
      return { id: user.id, changed: true };
    },
    { behavior: 'immediate' },
  );
}

/** An admin sets a new password; only its bcrypt hash is stored, and the event records neither. */
export function resetStaffPassword(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(PasswordResetSchema, input);
  const passwordHash = hashPasswordSync(data.password);
  return db.transaction(
    (tx) => {
      const user = loadUser(tx, data.userId);
      tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, user.id)).run();
      audit(tx, actor, 'password_reset', { userId: user.id, email: user.email }, now);
      return { id: user.id };
    },
    { behavior: 'immediate' },
  );
}
