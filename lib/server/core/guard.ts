import 'server-only';
import { STAFF_ROLES, type StaffRole } from '@/lib/domain/enums';
import type { Actor } from './actor';
import { AppError } from './errors';

/**
 * The one role guard. Who may do what is named once here; pages, actions, routes and verbs all ask
 * `requireRole`. The system actor (jobs, set-up scripts, the seed) is trusted code, never a request,
 * and passes every staff guard; a petitioner passes none.
 */
export const ACCESS = {
  staff: STAFF_ROLES,
  supervision: ['supervisor', 'admin'],
  admin: ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Access = keyof typeof ACCESS | readonly StaffRole[];

export type StaffOrSystem = Extract<Actor, { role: StaffRole | 'system' }>;

export function rolesOf(access: Access): readonly StaffRole[] {
  return typeof access === 'string' ? ACCESS[access] : access;
}

export function hasRole(actor: Pick<Actor, 'role'>, access: Access): boolean {
  if (actor.role === 'system') return true;
  return (rolesOf(access) as readonly string[]).includes(actor.role);
}

/** Throws FORBIDDEN (403) unless the actor holds one of the roles. */
export function requireRole(actor: Actor, access: Access): asserts actor is StaffOrSystem {
  if (!hasRole(actor, access)) throw new AppError('FORBIDDEN', `requires ${String(access)}`);
}
