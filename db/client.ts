import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { pgPool, type PgDb } from './pg/client';
import { isPg, pgInsideTransaction, pgSnapshot, pgTransaction } from './pg/transactions';
import * as schema from './schema';
import { cacheStatements } from './statement-cache';
import { env } from '@/lib/env';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The transaction handle drizzle passes to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/**
 * What a query needs: the database or an open transaction. Both are this base class, so a helper
 * that only reads or writes takes a `Conn` and never casts one into the other.
 */
export type Conn = BaseSQLiteDatabase<'sync' | 'async', Database.RunResult, typeof schema>;

// Paths resolved at run time, not files for the bundler to trace.
export const MIGRATIONS_DIR = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  'db',
  'migrations',
);

export function databasePath(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ env().DATABASE_PATH ??
      path.join(/*turbopackIgnore: true*/ process.cwd(), 'data', 'ventanilla.db'),
  );
}

/**
 * Opens (creating its folder if needed) and migrates a SQLite database. WAL lets readers work while
 * one writer commits; the busy timeout makes a second writer wait instead of failing at once.
 */
export function openDb(file: string, options: { migrate?: boolean } = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

let shared: { file: string; db: Db } | undefined;
let sharedPg: { url: string; db: PgDb } | undefined;

/**
 * The process-wide database, opened lazily so that `next build` never touches it: the pool on
 * DATABASE_URL's PostgreSQL when it is set (start-up has checked and migrated it), else the SQLite
 * file. Typed as the SQLite connection, like `db/tables.ts`'s tables: the use cases write their
 * statements in the form both engines run (db/rows.ts).
 */
export function getDb(): Conn {
  const config = env();
  if (!config.DATABASE_URL) return getSqliteDb();
  if (!sharedPg || sharedPg.url !== config.DATABASE_URL)
    sharedPg = {
      url: config.DATABASE_URL,
      db: pgPool(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE }),
    };
  return sharedPg.db as unknown as Conn;
}

/** The process-wide SQLite file, for what only runs on it (the seed, backups, the live look). */
export function getSqliteDb(): Db {
  const file = databasePath();
  if (!shared || shared.file !== file) shared = { file, db: openDb(file) };
  return shared.db;
}

export async function closeDb(): Promise<void> {
  shared?.db.$client.close();
  shared = undefined;
  const pool = sharedPg?.db.$client;
  sharedPg = undefined;
  await pool?.end();
}

/** Per handle, the tail of the queue of transactions waiting for it. */
const queues = new WeakMap<Database.Database, Promise<void>>();
/** Per handle, the token of the transaction open on it (one at a time: they take turns). */
const open = new WeakMap<Database.Database, object>();
/**
 * The token of the transaction whose body (or batch) the running code is in. A body that calls
 * another verb with its caller's context (not the transaction's) joins it in a savepoint instead
 * of waiting for its own turn behind itself; code the body left running after it ended holds a
 * token no longer open, and takes its turn like anyone else.
 */
const owner = new AsyncLocalStorage<object>();
/** Per handle, the query API that runs inside whatever transaction is open on it. */
const txHandles = new WeakMap<Database.Database, Conn>();

/**
 * Runs a whole batch (the demo seed's thousands of use cases) as one transaction, each use case's
 * own transaction a savepoint inside it: one commit instead of thousands. Only for a process that
 * has the connection to itself (the seed before the server starts): the batch awaits between
 * statements, and anything else on this connection meanwhile would run inside it.
 */
export async function inOneTransaction<T>(db: Db, batch: () => Promise<T>): Promise<T> {
  return opened(db.$client, 'BEGIN IMMEDIATE', batch);
}

/**
 * Runs `run` when every transaction queued before it on this handle has ended: better-sqlite3 has
 * one connection per process, so two transaction bodies that await must take turns on it (FIFO).
 */
async function exclusive<T>(sqlite: Database.Database, run: () => Promise<T>): Promise<T> {
  const before = queues.get(sqlite) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = before.then(() => mine);
  queues.set(sqlite, tail);
  await before;
  try {
    return await run();
  } finally {
    release();
    if (queues.get(sqlite) === tail) queues.delete(sqlite);
  }
}

/**
 * The query API bound to a handle's open transaction: drizzle's transaction object, which runs its
 * statements on the handle's session and is not the database (`isDatabase` is false for it, so raw
 * reads and the read pool know they are inside a transaction). Built once per handle: it holds no
 * state of its own, the transaction is the handle's.
 */
function txHandle(conn: Conn): Conn {
  const sqlite = sqliteOf(conn);
  let tx = txHandles.get(sqlite);
  if (!tx) {
    if (!isDatabase(conn)) return conn;
    const database = conn as unknown as BetterSQLite3Database<typeof schema>;
    tx = database.transaction((opened) => opened) as unknown as Conn;
    txHandles.set(sqlite, tx);
  }
  return tx;
}

/**
 * Runs `body` in one IMMEDIATE transaction on `conn`'s handle (the write lock is taken at BEGIN, so
 * the audit chain and a case's version cannot fork) and resolves with its result; a throw rolls
 * everything back. The body may await: transactions take turns on the handle in arrival order, so
 * one never runs inside another. Given a transaction's handle, or called from inside a
 * transaction's body or a batch, the body runs in a savepoint instead and rolls back alone. On
 * PostgreSQL (db/pg/transactions.ts) transactions run side by side, each on a pooled connection.
 */
export async function inTransaction<T>(conn: Conn, body: (tx: Conn) => T | Promise<T>): Promise<T> {
  if (isPg(conn)) return pgTransaction(conn, (tx) => body(tx as unknown as Conn));
  if (insideTransaction(conn)) return inSavepoint(conn, () => body(txHandle(conn)));
  return opened(sqliteOf(conn), 'BEGIN IMMEDIATE', () => body(txHandle(conn)));
}

/** Waits for the handle's turn, opens a transaction with `begin`, runs `body` in it, ends it. */
function opened<T>(sqlite: Database.Database, begin: string, body: () => T | Promise<T>) {
  return exclusive(sqlite, async () => {
    const token = {};
    sqlite.exec(begin);
    open.set(sqlite, token);
    try {
      const result = await owner.run(token, body);
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    } finally {
      open.delete(sqlite);
    }
  });
}

/**
 * Runs `body`'s reads in one snapshot of `conn`'s handle (a deferred transaction: a queue's counts
 * and its page, a sender's claim and its rows, see the same data). Inside a transaction already,
 * it simply runs there. It takes its turn with the writers, as a synchronous body did.
 */
export async function inSnapshot<T>(conn: Conn, body: (tx: Conn) => T | Promise<T>): Promise<T> {
  if (isPg(conn)) return pgSnapshot(conn, (tx) => body(tx as unknown as Conn));
  if (insideTransaction(conn)) return body(txHandle(conn));
  return opened(sqliteOf(conn), 'BEGIN', () => body(txHandle(conn)));
}

/** Per handle, how many savepoints are open: each is named by its depth. */
const depths = new WeakMap<Database.Database, number>();

/**
 * Runs `body` in a savepoint of the transaction open on `conn`'s handle: released when it returns,
 * rolled back alone when it throws (the transaction goes on). The group commit
 * (lib/server/core/group-commit.ts) runs one per filing. Savepoints nest, each named by its depth.
 */
export async function inSavepoint<T>(conn: Conn, body: () => T | Promise<T>): Promise<T> {
  const sqlite = sqliteOf(conn);
  const depth = (depths.get(sqlite) ?? 0) + 1;
  const name = `sp${depth}`;
  depths.set(sqlite, depth);
  sqlite.exec(`SAVEPOINT ${name}`);
  try {
    const result = await body();
    sqlite.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    sqlite.exec(`ROLLBACK TO ${name}`);
    sqlite.exec(`RELEASE ${name}`);
    throw error;
  } finally {
    depths.set(sqlite, depth - 1);
  }
}

/**
 * True when a statement on `conn` belongs to an open transaction: the code runs inside that
 * transaction's body or batch (whichever handle it holds). Another request's transaction,
 * open on the same handle while this code runs between its awaits, does not count.
 */
export function insideTransaction(conn: Conn): boolean {
  if (isPg(conn)) return pgInsideTransaction(conn);
  const sqlite = sqliteOf(conn);
  if (!sqlite.inTransaction) return false;
  // The token, not the handle: the transaction handle is one object per connection, and one
  // kept past its own transaction's end must not run inside the next request's.
  const token = owner.getStore();
  return token !== undefined && open.get(sqlite) === token;
}

/** The SQLite query API as better-sqlite3 runs it: each statement answers at once. */
export type SyncConn = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

/**
 * `conn` with its synchronous face, for a sequence of statements that must not yield between
 * them: scratch tables of the connection (search's snippets) that another request's statements,
 * run between two awaits, would find half-filled.
 */
export function syncOf(conn: Conn): SyncConn {
  return conn as SyncConn;
}

/** True for the database itself, false for an open transaction (which hides better-sqlite3). */
export function isDatabase(conn: Conn): conn is Db {
  return '$client' in conn;
}

/**
 * The database behind a read's connection, for the raw statements of db/sql/* and the streamed
 * exports (which open their own reader on its file). Those reads never run inside a transaction:
 * one that tries is a programming error, said loudly rather than run outside it.
 */
export function databaseOf(conn: Conn): Db {
  if (!isDatabase(conn))
    throw new Error('raw statements run on the database, not in a transaction');
  return conn;
}

/**
 * The better-sqlite3 handle behind a connection, inside a transaction too: an open drizzle
 * transaction runs on the process's one handle through its session, so a statement prepared here
 * runs inside that transaction (causes and problem records count complaints while they write).
 */
export function sqliteOf(conn: Conn): Database.Database {
  if (isDatabase(conn)) return conn.$client;
  return (conn as unknown as { session: { client: Database.Database } }).session.client;
}

/** A read-only connection of its own on a database file (exports, benchmarks, e2e checks). */
export function openReader(file: string): Database.Database {
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  return reader;
}

/** Closes a database opened with `openDb` (tests and scripts that own theirs). */
export function closeDatabase(db: Db): void {
  db.$client.close();
}
