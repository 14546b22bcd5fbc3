import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
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
export type Conn = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

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

/** The process-wide database, opened lazily so that `next build` never touches it. */
export function getDb(): Db {
  const file = databasePath();
  if (!shared || shared.file !== file) shared = { file, db: openDb(file) };
  return shared.db;
}

export function closeDb(): void {
  shared?.db.$client.close();
  shared = undefined;
}

/**
 * Runs a whole batch (the demo seed's thousands of use cases) as one transaction, each use case's
 * own transaction a savepoint inside it: one commit instead of thousands. Only for a process that
 * has the connection to itself (the seed before the server starts): the batch awaits between
 * statements, and anything else on this connection meanwhile would run inside it.
 */
export async function inOneTransaction<T>(db: Db, batch: () => Promise<T>): Promise<T> {
  db.$client.exec('BEGIN IMMEDIATE');
  try {
    const result = await batch();
    db.$client.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.$client.inTransaction) db.$client.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Runs `body` in a savepoint of the transaction open on `conn`'s handle: released when it returns,
 * rolled back alone when it throws (the transaction goes on). The same as drizzle's nested
 * `tx.transaction()`, without the new transaction object (a whole query API) drizzle builds for
 * each one: the group commit (lib/server/core/group-commit.ts) runs one per filing.
 */
export function inSavepoint<T>(conn: Conn, body: () => T): T {
  const sqlite = sqliteOf(conn);
  sqlite.exec('SAVEPOINT grouped');
  try {
    const result = body();
    sqlite.exec('RELEASE grouped');
    return result;
  } catch (error) {
    sqlite.exec('ROLLBACK TO grouped');
    sqlite.exec('RELEASE grouped');
    throw error;
  }
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
