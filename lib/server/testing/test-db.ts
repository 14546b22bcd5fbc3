import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closeDatabase, openDb, type Conn, type Db } from '@/db/client';
import { engineInUse } from '@/db/engine';
import { closePg, openPg } from '@/db/pg/client';
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
