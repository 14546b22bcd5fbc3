import { RateLimiterSQLite } from 'rate-limiter-flexible';
import { sqliteOf, type Conn } from '../client';

/** How one limit counts: points per window, and how long a key stays blocked once over. */
export interface LimiterSpec {
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

/** A spec as rate-limiter-flexible's options over the `rate_limits` table (both engines). */
export function limiterOptions(spec: LimiterSpec) {
  return {
    tableName: 'rate_limits',
    tableCreated: true,
    keyPrefix: spec.name,
    points: spec.points,
    duration: spec.durationSeconds,
    blockDuration: spec.blockSeconds ?? 0,
  };
}

const limiters = new WeakMap<object, Map<string, RateLimiterSQLite>>();

/**
 * The limiter of one spec over the `rate_limits` table (rate-limiter-flexible's SQLite store), one
 * per connection and name. Counters live in the database, so every app instance sharing it sees
 * the same counts and a restart forgets nothing.
 */
export function sqliteLimiter(db: Conn, spec: LimiterSpec): RateLimiterSQLite {
  const client = sqliteOf(db);
  let byName = limiters.get(client);
  if (!byName) limiters.set(client, (byName = new Map()));
  let limiter = byName.get(spec.name);
  if (!limiter) {
    limiter = new RateLimiterSQLite({
      storeClient: client,
      storeType: 'better-sqlite3',
      ...limiterOptions(spec),
    });
    byName.set(spec.name, limiter);
  }
  return limiter;
}

/**
 * Takes `points` at once from a key's counter in the same rows and format as the limiter's (one
 * statement: the window restarts when it has expired), and says what the counter held before and
 * when its window ends. Synchronous, so a process's callers never race between read and write.
 */
export function takePoints(
  db: Conn,
  spec: LimiterSpec,
  key: string,
  points: number,
  nowMs: number,
): { before: number; expiresAt: number } {
  const row = sqliteOf(db)
    .prepare(
      `INSERT INTO rate_limits (key, points, expire) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET
         points = CASE WHEN expire IS NULL OR expire > ? THEN points + excluded.points ELSE excluded.points END,
         expire = CASE WHEN expire IS NULL OR expire > ? THEN expire ELSE excluded.expire END
       RETURNING points, expire`,
    )
    .get(`${spec.name}:${key}`, points, nowMs + spec.durationSeconds * 1000, nowMs, nowMs) as {
    points: number;
    expire: number | null;
  };
  return {
    before: row.points - points,
    expiresAt: row.expire ?? nowMs + spec.durationSeconds * 1000,
  };
}
