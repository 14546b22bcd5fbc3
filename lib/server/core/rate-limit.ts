import 'server-only';
import { RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';

export interface LimitSpec {
  /** Namespace of the keys (e.g. `signin-email`). */
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

const limiters = new WeakMap<object, Map<string, RateLimiterSQLite>>();

/**
 * Counters live in the database (table `rate_limits`), so every app instance sharing it sees the same
 * counts and a restart forgets nothing.
 */
function limiterFor(db: Db, spec: LimitSpec): RateLimiterSQLite {
  let byName = limiters.get(db.$client);
  if (!byName) limiters.set(db.$client, (byName = new Map()));
  let limiter = byName.get(spec.name);
  if (!limiter) {
    limiter = new RateLimiterSQLite({
      storeClient: db.$client,
      storeType: 'better-sqlite3',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: spec.name,
      points: spec.points,
      duration: spec.durationSeconds,
      blockDuration: spec.blockSeconds ?? 0,
    });
    byName.set(spec.name, limiter);
  }
  return limiter;
}

export interface LimitState {
  isLimited: boolean;
  retryAfterSeconds: number;
}

function stateOf(res: RateLimiterRes | null, points: number): LimitState {
  if (!res || res.consumedPoints < points) return { isLimited: false, retryAfterSeconds: 0 };
  return { isLimited: true, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** Counts one attempt; says whether the caller is now over the limit. */
export async function consumeLimit(db: Db, spec: LimitSpec, key: string): Promise<LimitState> {
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
export async function peekLimit(db: Db, spec: LimitSpec, key: string): Promise<LimitState> {
  return stateOf(await limiterFor(db, spec).get(key), spec.points);
}

export async function resetLimit(db: Db, spec: LimitSpec, key: string): Promise<void> {
  await limiterFor(db, spec).delete(key);
}
