import 'server-only';
import { currentStaff, requireStaffPage, type StaffActor } from '../auth/session';
import { AppError } from '../core/errors';

/** For /admin pages: signed-out → sign-in (back to `returnTo`); anyone but an admin → 403 page. */
export function requireAdminPage(returnTo: string): Promise<StaffActor> {
  return requireStaffPage(['admin'], returnTo);
}

/** For admin route handlers and server actions: 401 signed out, 403 for everyone but admins. */
export async function requireAdmin(): Promise<StaffActor> {
  const staff = await currentStaff();
  if (!staff) throw new AppError('UNAUTHENTICATED', 'sign in');
  if (staff.role !== 'admin') throw new AppError('FORBIDDEN', 'admins only');
  return staff;
}
