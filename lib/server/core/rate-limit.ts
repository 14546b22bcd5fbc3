import 'server-only';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { sqliteOf, type Conn } from '@/db/client';
import type { PgDb } from '@/db/pg/client';
import { pgLimiter, takePoints as pgTakePoints } from '@/db/pg/rate-limits';
import { isPg, pgDatabaseOf } from '@/db/pg/transactions';
import { sqliteLimiter, takePoints } from '@/db/sql/rate-limits';

export interface LimitSpec {
  /** Namespace of the keys (e.g. `signin-email`). */
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
  /**
   * Points a process takes from the shared counter at once and then spends in memory (a busy
   * limit, e.g. the API's per key: one write per `batch` requests instead of one per request).
   * Not with `blockSeconds`. See `consumeLeased`.
   */
  batch?: number;
}

/**
 * Counters live in the database (table `rate_limits`, db/sql/rate-limits.ts and
 * db/pg/rate-limits.ts), so every app instance sharing it sees the same counts and a restart
 * forgets nothing. On PostgreSQL they are written on the pool, outside any open transaction.
 */
const limiterFor = (db: Conn, spec: LimitSpec) =>
  isPg(db) ? pgLimiter(pgOf(db), spec) : sqliteLimiter(db, spec);

const pgOf = (db: Conn) => pgDatabaseOf(db) as unknown as PgDb;

export interface LimitState {
  isLimited: boolean;
  retryAfterSeconds: number;
}

function stateOf(res: RateLimiterRes | null, points: number): LimitState {
  if (!res || res.consumedPoints < points) return { isLimited: false, retryAfterSeconds: 0 };
  return { isLimited: true, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** Points this process took from a key's counter and has not spent yet, until the window ends. */
interface Lease {
  left: number;
  expiresAt: number;
  /** The counter held no more: once `left` is spent the key is over its limit until expiresAt. */
  isLast: boolean;
}

const leases = new WeakMap<object, Map<string, Lease>>();
const PRUNE_AT = 10_000;

function leasesOf(db: Conn): Map<string, Lease> {
  const client = isPg(db) ? pgOf(db).$client : sqliteOf(db);
  let map = leases.get(client);
  if (!map) leases.set(client, (map = new Map()));
  return map;
}

/**
 * One attempt against a batched limit. The counter stays in the database (`rate_limits`), but a
 * process takes `batch` points from it in one write and spends them in memory; when they run out
 * it takes more, until the counter has no more to give in that window. So the limit still holds
 * per key across processes and restarts: every point spent was first counted in the shared row,
 * and what a process held unspent when it stopped (fewer than `batch`) is lost for that window
 * only, making the limit stricter, never looser. On SQLite it runs without yielding, so no two
 * callers can take the same points; on PostgreSQL two callers may each take a batch while the
 * first waits for its write, and the one stored last is spent (stricter, never looser).
 */
async function consumeLeased(
  db: Conn,
  spec: LimitSpec & { batch: number },
  key: string,
): Promise<LimitState> {
  const now = Date.now();
  const map = leasesOf(db);
  const id = `${spec.name}:${key}`;
  let lease = map.get(id);
  if (lease && lease.expiresAt <= now) lease = undefined;
  if (!lease || (lease.left === 0 && !lease.isLast)) {
    const { before, expiresAt } = isPg(db)
      ? await pgTakePoints(pgOf(db).$client, spec, key, spec.batch, now)
      : takePoints(db, spec, key, spec.batch, now);
    const granted = Math.min(spec.batch, Math.max(0, spec.points - before));
    lease = { left: granted, expiresAt, isLast: before + spec.batch >= spec.points };
    if (map.size >= PRUNE_AT) {
      for (const [k, l] of map) if (l.expiresAt <= now) map.delete(k);
    }
    map.set(id, lease);
  }
  if (lease.left === 0) {
    return {
      isLimited: true,
      retryAfterSeconds: Math.max(1, Math.ceil((lease.expiresAt - now) / 1000)),
    };
  }
  lease.left -= 1;
  return { isLimited: false, retryAfterSeconds: 0 };
}

/** Counts one attempt; says whether the caller is now over the limit. */
export async function consumeLimit(db: Conn, spec: LimitSpec, key: string): Promise<LimitState> {
  if (spec.batch !== undefined && spec.batch > 1 && !spec.blockSeconds) {
    return consumeLeased(db, { ...spec, batch: spec.batch }, key);
  }
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

/**
 * Whether the key is already at its limit, without counting an attempt (for a batched limit, the
 * points processes hold unspent count as spent: the answer errs on the strict side).
 */
export async function peekLimit(db: Conn, spec: LimitSpec, key: string): Promise<LimitState> {
  return stateOf(await limiterFor(db, spec).get(key), spec.points);
}

export async function resetLimit(db: Conn, spec: LimitSpec, key: string): Promise<void> {
  leasesOf(db).delete(`${spec.name}:${key}`);
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
