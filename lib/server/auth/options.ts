import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { STAFF_ROLES } from '@/lib/domain/enums';
import { env } from '@/lib/env';
import { verifyCredentials } from './verify-credentials';
import { revokeSession, SESSION_MAX_AGE_SECONDS } from './revocation';
import { requestCtx } from '../core/context';
import { VISITOR } from '../core/actor';
import { clientIp } from '../core/http';
import { decodeSessionToken } from './session-token';

/**
 * Staff sign in with email and password; the session is a signed JWT carrying id, role and team.
 * Failures surface to the sign-in page as a code (`?error=INVALID_CREDENTIALS` …), never a 500.
 */
export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { decode: decodeSessionToken },
  pages: { signIn: '/ingresar', error: '/ingresar' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        const result = await verifyCredentials(requestCtx(VISITOR), credentials ?? {}, {
          clientIp: clientIp(req.headers as Record<string, unknown> | undefined),
        });
        if (!result.ok) throw new Error(result.code);
        const { id, name, email, role, teamId } = result.user;
        return { id: String(id), name, email, role, teamId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.teamId = user.teamId;
        token.sid = randomUUID();
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      const role = STAFF_ROLES.find((r) => r === token.role);
      if (session.user && role && typeof token.uid === 'number') {
        session.user.id = token.uid;
        session.user.role = role;
        session.user.teamId = typeof token.teamId === 'number' ? token.teamId : null;
        session.sid = token.sid;
        session.signedInAt = token.signedInAt;
      }
      return session;
    },
  },
  events: {
    /** Signing out ends the session on the server too: a copy of the cookie opens nothing. */
    async signOut({ token }) {
      if (typeof token?.sid === 'string' && typeof token.uid === 'number') {
        await revokeSession(requestCtx(VISITOR), { sid: token.sid, userId: token.uid });
      }
    },
  },
};
