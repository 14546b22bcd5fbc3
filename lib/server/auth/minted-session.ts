import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import type { StaffRole } from '@/lib/domain/enums';

export const SESSION_COOKIE = 'next-auth.session-token';

/**
 * A staff session token as the sign-in's jwt callback writes it (options.ts), minted with the
 * server's secret: for tools that sign in without the form (the e2e fixtures, the HTTP benchmarks
 * and npm run lighthouse).
 * No 'server-only' guard: Playwright imports it outside the React server build.
 */
export function mintSessionToken(
  user: { id: number; name?: string; email?: string; role: StaffRole; teamId: number | null },
  secret: string,
): Promise<string> {
  return encode({
    token: {
      sub: String(user.id),
      name: user.name,
      email: user.email,
      uid: user.id,
      role: user.role,
      teamId: user.teamId,
      sid: randomUUID(),
      signedInAt: Date.now(),
    },
    secret,
  });
}
