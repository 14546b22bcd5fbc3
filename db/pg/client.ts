import { createHash } from 'node:crypto';
import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_DIR = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  'db',
  'pg',
  'migrations',
);

/**
 * SQLite's integers and reals are JavaScript numbers, so PostgreSQL's bigint and numeric (text by
 * default in pg, to keep values past 2^53 and every decimal) are read as numbers too: ids, counts,
 * sums and averages have one type on both engines. Nothing the app stores comes near 2^53. Set on
 * pg's shared parsers, because drizzle reads its statements' rows through them.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

export interface PoolOptions {
  connectTimeoutMs?: number;
  max?: number;
}

/**
 * A pool on a PostgreSQL database, connecting on its first statement: what a server process
 * holds (db/client.ts `getDb`), after start-up has checked and migrated the database.
 */
export function pgPool(url: string, options: PoolOptions = {}): PgDb {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 0,
  });
  // A pooled connection the server drops while idle is an event, not a crash of the process.
  pool.on('error', (error) => console.error(`PostgreSQL: idle connection lost: ${error.message}`));
  return drizzle(pool, { schema }) as PgDb;
}

/** A pool on a PostgreSQL database (its migrations applied unless told otherwise). */
export async function openPg(
  url: string,
  options: PoolOptions & { migrate?: boolean } = {},
): Promise<PgDb> {
  const db = pgPool(url, options);
  const pool = db.$client;
  if (options.migrate !== false) {
    try {
      await migratePg(db);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  return db;
}

/**
 * Applies the pending migrations of db/pg/migrations. Several instances may start at once: each
 * waits for an advisory lock first, so one migrates and the others then find nothing to do.
 */
export async function migratePg(db: PgDb): Promise<void> {
  const holder = await db.$client.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(db, { migrationsFolder: PG_MIGRATIONS_DIR });
  } finally {
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    holder.release();
  }
}

/** The advisory lock key of schema migrations (any fixed number the app uses for nothing else). */
const MIGRATION_LOCK = 7_406_921_001;

/** A pool or one of its clients (inside a transaction): anything with pg's `query`. */
export interface Queryable {
  query: PgDb['$client']['query'];
}

/** An instant column as Unix milliseconds, the form SQLite's statements return it in. */
export const epochMs = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;

/** `?` placeholders (SQLite's form, shared statement pieces use it) as `$1`, `$2` … in order. */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

export async function closePg(db: PgDb): Promise<void> {
  if (!db.$client.ended) await db.$client.end();
}

/** The name a statement is sent under: one per text, so two texts never share a name. */
export const statementName = (text: string) =>
  `s_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;

/**
 * A statement the app runs often, sent as a named one: each pooled connection parses and plans its
 * text once and then only binds and runs it (planning a search's statement took 5 ms, more than
 * running it). Named after its text, so two texts never share a name.
 */
export async function runNamed<R extends object>(
  db: Queryable,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const result = await db.query<R>({ name: statementName(text), text, values });
  return result.rows;
}
