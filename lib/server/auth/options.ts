import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { STAFF_ROLES } from '@/lib/domain/enums';
import { env } from '@/lib/env';
import { verifyCredentials } from './verify-credentials';
import { requestCtx } from '../core/context';
import { VISITOR } from '../core/actor';

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientIpOf(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  const real = headers?.['x-real-ip'];
  return first || (typeof real === 'string' ? real : '') || 'local';
}

/**
 * Staff sign in with email and password; the session is a signed JWT carrying id, role and team.
 * Failures surface to the sign-in page as a code (`?error=INVALID_CREDENTIALS` …), never a 500.
 */
export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/ingresar', error: '/ingresar' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        const result = await verifyCredentials(requestCtx(VISITOR), credentials ?? {}, {
          clientIp: clientIpOf(req.headers as Record<string, unknown>),
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
      }
      return token;
    },
    session({ session, token }) {
      const role = STAFF_ROLES.find((r) => r === token.role);
      if (session.user && role && typeof token.uid === 'number') {
        session.user.id = token.uid;
        session.user.role = role;
        session.user.teamId = typeof token.teamId === 'number' ? token.teamId : null;
      }
      return session;
    },
  },
};
