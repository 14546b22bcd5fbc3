import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { staffUsers } from '@/db/schema';
import type { StaffRole } from '@/lib/domain/enums';
import { SignInSchema } from '@/lib/validation/auth';
import { consumeLimit, peekLimit, resetLimit, type LimitSpec } from '../core/rate-limit';
import { DUMMY_HASH, verifyPassword } from './passwords';
import type { Ctx } from '../core/context';

/** Five wrong passwords for one account in 15 minutes lock it for 15 minutes. */
export const SIGN_IN_EMAIL_LIMIT: LimitSpec = {
  name: 'signin-email',
  points: 5,
  durationSeconds: 15 * 60,
  blockSeconds: 15 * 60,
};
/** One address guessing across accounts is slowed too. */
export const SIGN_IN_IP_LIMIT: LimitSpec = {
  name: 'signin-ip',
  points: 30,
  durationSeconds: 15 * 60,
  blockSeconds: 15 * 60,
};

export interface SignedInUser {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  teamId: number | null;
}

export type CredentialsResult =
  | { ok: true; user: SignedInUser }
  | {
      ok: false;
      code: 'VALIDATION' | 'INVALID_CREDENTIALS' | 'RATE_LIMITED';
      retryAfterSeconds?: number;
    };

export async function verifyCredentials(
  ctx: Ctx,
  raw: unknown,
  extras: { clientIp: string },
): Promise<CredentialsResult> {
  const { db, now } = ctx;
  const { clientIp } = extras;
  const parsed = SignInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'VALIDATION' };
  const { email, password } = parsed.data;

  for (const [spec, key] of [
    [SIGN_IN_EMAIL_LIMIT, email],
    [SIGN_IN_IP_LIMIT, clientIp],
  ] as const) {
    const state = await peekLimit(db, spec, key);
    if (state.isLimited) {
      return { ok: false, code: 'RATE_LIMITED', retryAfterSeconds: state.retryAfterSeconds };
    }
  }

  const user = db
    .select()
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email))
    .get();
  const isMatch = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isMatch || !user.isActive) {
    await consumeLimit(db, SIGN_IN_EMAIL_LIMIT, email);
    await consumeLimit(db, SIGN_IN_IP_LIMIT, clientIp);
    return { ok: false, code: 'INVALID_CREDENTIALS' };
  }
  await resetLimit(db, SIGN_IN_EMAIL_LIMIT, email);
  db.update(staffUsers).set({ lastSignInAt: now }).where(eq(staffUsers.id, user.id)).run();
  return {
    ok: true,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId },
  };
}
