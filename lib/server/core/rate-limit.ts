import 'server-only';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Conn } from '@/db/client';
import { sqliteLimiter } from '@/db/sql/rate-limits';

export interface LimitSpec {
  /** Namespace of the keys (e.g. `signin-email`). */
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

/**
 * Counters live in the database (table `rate_limits`, db/sql/rate-limits.ts), so every app instance
 * sharing it sees the same counts and a restart forgets nothing.
 */
const limiterFor = (db: Conn, spec: LimitSpec) => sqliteLimiter(db, spec);

export interface LimitState {
  isLimited: boolean;
  retryAfterSeconds: number;
}

function stateOf(res: RateLimiterRes | null, points: number): LimitState {
  if (!res || res.consumedPoints < points) return { isLimited: false, retryAfterSeconds: 0 };
  return { isLimited: true, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** Counts one attempt; says whether the caller is now over the limit. */
export async function consumeLimit(db: Conn, spec: LimitSpec, key: string): Promise<LimitState> {
  try {
    const res = await limiterFor(db, spec).consume(key);
    return stateOf(res, spec.points + 1);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return {
        isLimited: true,
        retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      };
    }
    throw rejection;
  }
}

/** Whether the key is already at its limit, without counting an attempt. */
export async function peekLimit(db: Conn, spec: LimitSpec, key: string): Promise<LimitState> {
  return stateOf(await limiterFor(db, spec).get(key), spec.points);
}

export async function resetLimit(db: Conn, spec: LimitSpec, key: string): Promise<void> {
  await limiterFor(db, spec).delete(key);
}
