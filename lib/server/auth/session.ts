import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getToken, type JWT } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { revokedSessions, staffUsers, teams } from '@/db/tables';
import { STAFF_ROLES, type StaffRole } from '@/lib/domain/enums';
import type { Actor } from '../core/actor';
import { hasRole, type Access } from '../core/guard';
import { preparedQuery } from '../core/prepared';
import { authOptions } from './options';
import { sessionStands } from './revocation';
import { decodeSessionToken } from './session-token';

export type StaffActor = Extract<Actor, { role: StaffRole }> & {
  name: string;
  email: string;
  teamName: string | null;
};

/**
 * The session cookie's claims, read as getServerSession reads them (the cookie only, never an
 * Authorization header) without its work per call: it re-encrypted a fresh cookie that a page
 * cannot even set. Decoding is remembered per token (session-token.ts).
 */
async function sessionToken(): Promise<JWT | null> {
  const req = { cookies: await cookies(), headers: {} } as unknown as NextRequest;
  return getToken({ req, secret: authOptions.secret, decode: decodeSessionToken });
}

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
  const token = await sessionToken();
  // What the session callback (options.ts) accepts: a staff role and a numeric user id.
  const role = STAFF_ROLES.find((r) => r === token?.role);
  const id = role ? token?.uid : undefined;
  if (typeof id !== 'number' || typeof token?.sid !== 'string') return null;
  const user = await sessionUser(getDb()).get({ id, sid: token.sid });
  if (!user?.isActive) return null;
  const signedIn = { signedInAt: token.signedInAt, isRevoked: user.revokedSid !== null };
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
