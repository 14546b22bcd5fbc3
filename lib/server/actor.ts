import 'server-only';
import type { ActorRole, StaffRole } from '@/lib/domain/enums';

/** Whoever is asking. Customers act on exactly one case; the system acts for scheduled jobs. */
export type Actor =
  | { role: StaffRole; id: number; teamId: number | null; name?: string }
  | { role: 'customer'; id: null; caseId: number }
  | { role: 'system'; id: null };

export function isStaff(actor: Actor): actor is Extract<Actor, { role: StaffRole }> {
  return actor.role === 'agent' || actor.role === 'supervisor' || actor.role === 'admin';
}

export function actorRole(actor: Actor): ActorRole {
  return actor.role;
}

export const SYSTEM_ACTOR: Actor = { role: 'system', id: null };
