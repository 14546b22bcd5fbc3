import 'server-only';
import { currentStaff, requireStaffPage, type StaffActor } from '../auth/session';
import { AppError } from '../core/errors';
import { canSupervise, SUPERVISION_ROLES } from './roles';

export { canSupervise, SUPERVISION_ROLES };

/** For pages: signed-out → sign-in (back to `returnTo`); an agent → the 403 page. */
export function requireSupervisorPage(returnTo: string): Promise<StaffActor> {
  return requireStaffPage(SUPERVISION_ROLES, returnTo);
}

/** For route handlers and server actions: 401 signed out, 403 for agents. */
export async function requireSupervisor(): Promise<StaffActor> {
  const staff = await currentStaff();
  if (!staff) throw new AppError('UNAUTHENTICATED', 'sign in');
  if (!canSupervise(staff.role)) throw new AppError('FORBIDDEN', 'supervisors only');
  return staff;
}
