import { RateLimiterSQLite } from 'rate-limiter-flexible';
import { sqliteOf, type Conn } from '../client';

/** How one limit counts: points per window, and how long a key stays blocked once over. */
export interface LimiterSpec {
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
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
