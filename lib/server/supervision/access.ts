import 'server-only';
import { currentStaff, requireStaffPage, type StaffActor } from '../auth/session';
import { AppError } from '../core/errors';
import { ACCESS, requireRole } from '../core/guard';

/*
 * Transitional: the supervision area now asks `requireRole(ctx.actor, 'supervision')`,
 * `requireStaffPage('supervision', returnTo)` or a wrapper's `access: 'supervision'`. These
 * shims remain only for the areas still importing them (causas, correo, the staff layout) and go
 * when those are converted.
 */

/** @deprecated `ACCESS.supervision` (lib/server/core/guard). */
export const SUPERVISION_ROLES = ACCESS.supervision;

/** @deprecated `hasRole(actor, 'supervision')`. */
export function canSupervise(role: string): boolean {
  return (ACCESS.supervision as readonly string[]).includes(role);
}

/** @deprecated `requireStaffPage('supervision', returnTo)`. */
export function requireSupervisorPage(returnTo: string): Promise<StaffActor> {
  return requireStaffPage('supervision', returnTo);
}

/** @deprecated the route wrapper's `access: 'supervision'`. 401 signed out, 403 for agents. */
export async function requireSupervisor(): Promise<StaffActor> {
  const staff = await currentStaff();
  if (!staff) throw new AppError('UNAUTHENTICATED', 'sign in');
  requireRole(staff, 'supervision');
  return staff;
}
