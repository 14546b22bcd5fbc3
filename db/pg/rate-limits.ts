import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { limiterOptions, type LimiterSpec } from '../sql/rate-limits';
import type { PgDb, Queryable } from './client';

/**
 * Rate limits on PostgreSQL, in the same `rate_limits` rows and format as SQLite's
 * (db/sql/rate-limits.ts): rate-limiter-flexible's PostgreSQL store over the pool, and the batched
 * take of the API's per-key limit as one upsert. Every instance on the database counts together.
 */
const limiters = new WeakMap<object, Map<string, RateLimiterPostgres>>();

export function pgLimiter(db: PgDb, spec: LimiterSpec): RateLimiterPostgres {
  let byName = limiters.get(db.$client);
  if (!byName) limiters.set(db.$client, (byName = new Map()));
  let limiter = byName.get(spec.name);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: db.$client,
      storeType: 'pool',
      ...limiterOptions(spec),
    });
    byName.set(spec.name, limiter);
  }
  return limiter;
}

/**
 * Takes `points` at once from a key's counter (the window restarts when it has expired) and says
 * what the counter held before and when its window ends. One statement: the row's lock orders
 * instances taking from the same key, so no two see the same `before`.
 */
export async function takePoints(
  db: Queryable,
  spec: LimiterSpec,
  key: string,
  points: number,
  nowMs: number,
): Promise<{ before: number; expiresAt: number }> {
  const windowEnd = nowMs + spec.durationSeconds * 1000;
  const { rows } = await db.query<{ points: number; expire: string | null }>(
    `INSERT INTO rate_limits (key, points, expire) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET
       points = CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire > $4
                     THEN rate_limits.points + excluded.points ELSE excluded.points END,
       expire = CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire > $4
                     THEN rate_limits.expire ELSE excluded.expire END
     RETURNING points, expire`,
    [`${spec.name}:${key}`, points, windowEnd, nowMs],
  );
  const row = rows[0]!;
  return {
    before: Number(row.points) - points,
    expiresAt: row.expire === null ? windowEnd : Number(row.expire),
  };
}
