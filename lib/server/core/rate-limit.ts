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

/**
 * A limit that slows instead of locking (issue 13 §2): the first `freePoints` failures on a key cost
 * nothing, then each attempt waits 250 ms, doubling with every failure up to `maxDelayMs`. Put on
 * an account or a case, whose owner must still get in while strangers guess at it; the hard
 * blocks stay on what an attacker controls (their address, and the pair address + account).
 */
export interface SlowdownSpec {
  name: string;
  durationSeconds: number;
  freePoints: number;
  maxDelayMs: number;
}

const asCounter = (spec: SlowdownSpec): LimitSpec => ({
  name: spec.name,
  points: Number.MAX_SAFE_INTEGER,
  durationSeconds: spec.durationSeconds,
});

export function slowdownDelayMs(failures: number, spec: SlowdownSpec): number {
  if (failures <= spec.freePoints) return 0;
  const doublings = Math.min(failures - spec.freePoints - 1, 30);
  return Math.min(spec.maxDelayMs, 250 * 2 ** doublings);
}

/** Waits as long as the key's failures so far call for; returns how long it waited. */
export async function slowDown(db: Conn, spec: SlowdownSpec, key: string): Promise<number> {
  const res = await limiterFor(db, asCounter(spec)).get(key);
  const delay = slowdownDelayMs(res?.consumedPoints ?? 0, spec);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  return delay;
}

/** Counts one failure on a slowed key. */
export async function countFailure(db: Conn, spec: SlowdownSpec, key: string): Promise<void> {
  await limiterFor(db, asCounter(spec)).consume(key);
}
