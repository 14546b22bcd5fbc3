import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { revokedSessions, staffUsers, teams } from '@/db/schema';
import type { StaffRole } from '@/lib/domain/enums';
import type { Actor } from '../core/actor';
import { hasRole, type Access } from '../core/guard';
import { preparedQuery } from '../core/prepared';
import { authOptions } from './options';
import { sessionStands } from './revocation';

export type StaffActor = Extract<Actor, { role: StaffRole }> & {
  name: string;
  email: string;
  teamName: string | null;
};

/** The user behind a session, with whether that session was signed out. */
const sessionUser = preparedQuery((db) =>
  db
    .select({
      revokedSid: revokedSessions.jti,
      sessionsValidAfter: staffUsers.sessionsValidAfter,
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      teamId: staffUsers.teamId,
      teamName: teams.name,
      isActive: staffUsers.isActive,
    })
    .from(staffUsers)
    .leftJoin(teams, eq(teams.id, staffUsers.teamId))
    .leftJoin(revokedSessions, eq(revokedSessions.jti, sql.placeholder('sid')))
    .where(eq(staffUsers.id, sql.placeholder('id')))
    .prepare(),
);

/**
 * The signed-in staff member as the database knows them now: a deactivated user, a changed role,
 * a signed-out session or a password reset take effect on the next request, whatever the session
 * cookie says. Read once per request: the
 * layout, the page and its components share it (React's request cache).
 */
export const currentStaff = cache(async (): Promise<StaffActor | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (typeof id !== 'number' || typeof session?.sid !== 'string') return null;
  const user = sessionUser(getDb()).get({ id, sid: session.sid });
  if (!user?.isActive) return null;
  const signedIn = { signedInAt: session.signedInAt, isRevoked: user.revokedSid !== null };
  if (!sessionStands(signedIn, user)) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    teamId: user.teamId,
    teamName: user.teamName,
  };
});

/**
 * For pages: signed-out users go to sign-in (back to `returnTo`); the wrong role gets the 403 page.
 * The roles are the one guard's (core/guard.ts): `'staff'`, `'supervision'`, `'admin'` or a list.
 */
export async function requireStaffPage(
  access: Access = 'staff',
  returnTo?: string,
): Promise<StaffActor> {
  const staff = await currentStaff();
  if (!staff) {
    redirect(returnTo ? `/ingresar?callbackUrl=${encodeURIComponent(returnTo)}` : '/ingresar');
  }
  if (!hasRole(staff, access)) forbidden();
  return staff;
}
