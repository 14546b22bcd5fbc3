import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closeDatabase, databaseOf, openDb, type Conn, type Db } from '@/db/client';
import { engineAt, engineInUse } from '@/db/engine';
import { closePg, openPg, type PgDb } from '@/db/pg/client';
import { isPg } from '@/db/pg/transactions';
import { env } from '@/lib/env';

/** A fresh, migrated SQLite file per test (STYLE.md rule 9: tests own their data). */
export function createTestDb(): { db: Db; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-test-'));
  const file = path.join(dir, 'test.db');
  const db = openDb(file);
  return {
    db,
    file,
    cleanup: () => {
      closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database per test on the engine this run tests (vitest.config.ts has a project per
 * engine): a migrated SQLite file, or on PostgreSQL a clone of the run's migrated template
 * (lib/server/testing/pg-global-setup.ts), dropped afterwards.
 */
export async function openTestDb(): Promise<{ db: Conn; cleanup: () => Promise<void> }> {
  if (engineInUse() === 'sqlite') {
    const { db, cleanup } = createTestDb();
    return { db, cleanup: async () => cleanup() };
  }
  const template = new URL(env().DATABASE_URL!);
  const name = `t_${randomBytes(6).toString('hex')}`;
  const maintenance = new URL(template);
  maintenance.pathname = '/postgres';
  /** One statement on the cluster's maintenance database (creating or dropping a database). */
  const onCluster = async (statement: string) => {
    const client = new pg.Client({ connectionString: maintenance.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await onCluster(`CREATE DATABASE ${name} TEMPLATE ${template.pathname.slice(1)}`);
  const url = new URL(template);
  url.pathname = `/${name}`;
  const db = await openPg(url.toString(), { migrate: false, max: 4 });
  return {
    db: db as unknown as Conn,
    cleanup: async () => {
      await closePg(db);
      await onCluster(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

/** Where another process finds a test database: its SQLite file, or its PostgreSQL URL. */
export function databaseTarget(db: Conn): string {
  if (isPg(db)) return (db as unknown as PgDb).$client.options.connectionString!;
  return databaseOf(db).$client.name;
}

/**
 * The environment a command-line script or a server started on the test database needs: its
 * SQLite file, or its URL with DATABASE_PATH in `dir` (where the app secret is kept beside it).
 */
export function databaseEnv(
  db: Conn,
  dir: string,
): { DATABASE_PATH: string; DATABASE_URL: string } {
  return isPg(db)
    ? { DATABASE_PATH: path.join(dir, 'ventanilla.db'), DATABASE_URL: databaseTarget(db) }
    : { DATABASE_PATH: databaseTarget(db), DATABASE_URL: '' };
}

/**
 * Another connection on the same test database, as a second app instance would hold: a second
 * handle on the SQLite file, or a pool of its own on the PostgreSQL database.
 */
export async function openAnotherConnection(
  db: Conn,
): Promise<{ db: Conn; close: () => Promise<void> }> {
  return openConnection(databaseTarget(db));
}

/** A connection of its own on the test database at `target` (a SQLite file or a URL). */
export async function openConnection(
  target: string,
): Promise<{ db: Conn; close: () => Promise<void> }> {
  if (engineAt(target) === 'postgres') {
    const other = await openPg(target, { migrate: false, max: 2 });
    return { db: other as unknown as Conn, close: () => closePg(other) };
  }
  const other = openDb(target, { migrate: false });
  return { db: other, close: async () => closeDatabase(other) };
}
