import 'server-only';
import { first } from '@/db/rows';
import { inTransaction } from '@/db/client';
import { eq, sql } from 'drizzle-orm';
import { staffUsers } from '@/db/tables';
import type { StaffRole } from '@/lib/domain/enums';
import { SignInSchema } from '@/lib/validation/auth';
import {
  consumeLimit,
  countFailure,
  peekLimit,
  resetLimit,
  slowDown,
  type LimitSpec,
  type SlowdownSpec,
} from '../core/rate-limit';
import { DUMMY_HASH, verifyPassword } from './passwords';
import type { Ctx } from '../core/context';

/**
 * Five wrong passwords for one account from one address block that pair for 15 minutes: the owner
 * signing in from elsewhere is not locked out by someone else's guesses (issue 13 §2).
 */
export const SIGN_IN_PAIR_LIMIT: LimitSpec = {
  name: 'signin-pair',
  points: 5,
  durationSeconds: 15 * 60,
  blockSeconds: 15 * 60,
};
/** One address guessing across accounts (password spraying) is blocked too. */
export const SIGN_IN_IP_LIMIT: LimitSpec = {
  name: 'signin-ip',
  points: 20,
  durationSeconds: 15 * 60,
  blockSeconds: 15 * 60,
};
/** Guesses at one account from many addresses slow every attempt on it, up to 8 s; never a lock. */
export const SIGN_IN_ACCOUNT_SLOWDOWN: SlowdownSpec = {
  name: 'signin-account',
  durationSeconds: 15 * 60,
  freePoints: 10,
  maxDelayMs: 8_000,
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

  const pair = `${email}|${clientIp}`;
  for (const [spec, key] of [
    [SIGN_IN_PAIR_LIMIT, pair],
    [SIGN_IN_IP_LIMIT, clientIp],
  ] as const) {
    const state = await peekLimit(db, spec, key);
    if (state.isLimited) {
      return { ok: false, code: 'RATE_LIMITED', retryAfterSeconds: state.retryAfterSeconds };
    }
  }

  await slowDown(db, SIGN_IN_ACCOUNT_SLOWDOWN, email);

  const user = await first(
    db
      .select()
      .from(staffUsers)
      .where(eq(sql`lower(${staffUsers.email})`, email)),
  );
  const isMatch = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isMatch || !user.isActive) {
    await consumeLimit(db, SIGN_IN_PAIR_LIMIT, pair);
    await consumeLimit(db, SIGN_IN_IP_LIMIT, clientIp);
    await countFailure(db, SIGN_IN_ACCOUNT_SLOWDOWN, email);
    return { ok: false, code: 'INVALID_CREDENTIALS' };
  }
  await resetLimit(db, SIGN_IN_PAIR_LIMIT, pair);
  await inTransaction(db, async (tx) => {
    await tx.update(staffUsers).set({ lastSignInAt: now }).where(eq(staffUsers.id, user.id));
  });
  return {
    ok: true,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId },
  };
}
