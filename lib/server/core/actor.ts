import 'server-only';
import type { ActorRole, StaffRole } from '@/lib/domain/enums';

/**
 * Whoever is asking. A customer acts on exactly one case (`caseId`), or on none yet while filing one;
 * the system acts for scheduled jobs and integrations.
 */
export type Actor =
  | { role: StaffRole; id: number; teamId: number | null; name?: string }
  | { role: 'customer'; id: null; caseId: number | null }
  | { role: 'system'; id: null };

export function isStaff(actor: Actor): actor is Extract<Actor, { role: StaffRole }> {
  return actor.role === 'agent' || actor.role === 'supervisor' || actor.role === 'admin';
}

export function actorRole(actor: Actor): ActorRole {
  return actor.role;
}

export const SYSTEM_ACTOR: Actor = { role: 'system', id: null };

/** Someone on the public pages who holds no case yet (filing, looking one up, signing in). */
export const VISITOR: Extract<Actor, { role: 'customer' }> = {
  role: 'customer',
  id: null,
  caseId: null,
};
