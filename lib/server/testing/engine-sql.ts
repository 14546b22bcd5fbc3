import fs from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { sqliteOf, type Conn, type Db } from '@/db/client';
import type { PgDb } from '@/db/pg/client';
import { keysetRows } from '@/db/pg/export-streams';
import { isPg } from '@/db/pg/transactions';
import type { ExportQuery } from '../core/csv';
import { engineAt } from '@/db/engine';

/**
 * Test-only SQL that differs between the engines (issue 18): making a table refuse writes, to
 * prove a use case rolls back whole, and reading every table, to prove a secret is stored nowhere.
 */

type PgExecute = { execute: (query: ReturnType<typeof sql.raw>) => Promise<{ rows: unknown[] }> };

async function exec(db: Conn, text: string): Promise<unknown[]> {
  if (isPg(db)) return (await (db as unknown as PgExecute).execute(sql.raw(text))).rows;
  const client = (db as unknown as Db).$client;
  const statement = client.prepare(text);
  if (statement.reader) return statement.all();
  statement.run();
  return [];
}

/**
 * A trigger that refuses `event` on `table` (only rows whose NEW matches `when`, if given) with
 * `message`; the returned function drops it.
 */
async function refusingTrigger(
  db: Conn,
  name: string,
  event: 'INSERT' | 'UPDATE',
  table: string,
  when: string | null,
  message: string,
): Promise<() => Promise<void>> {
  if (isPg(db)) {
    await exec(
      db,
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
    );
    await exec(
      db,
      `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW ${when ? `WHEN (${when})` : ''} EXECUTE FUNCTION ${name}()`,
    );
    return async () => {
      await exec(db, `DROP TRIGGER ${name} ON ${table}`);
      await exec(db, `DROP FUNCTION ${name}()`);
    };
  }
  await exec(
    db,
    `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} ${when ? `WHEN ${when}` : ''} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
  );
  return async () => void (await exec(db, `DROP TRIGGER ${name}`));
}

/** Makes every insert into `table` fail with `message` until the returned function is called. */
export function failInserts(
  db: Conn,
  table: string,
  message: string,
): Promise<() => Promise<void>> {
  return refusingTrigger(db, `fail_${table}`, 'INSERT', table, null, message);
}

/**
 * Makes every update of `table` whose new row matches `when` (SQL over NEW, in the form both
 * engines read, e.g. `NEW.state = 'fusionada'`) fail with `message`.
 */
export async function failUpdatesWhere(
  db: Conn,
  table: string,
  when: string,
  message: string,
): Promise<void> {
  await refusingTrigger(db, `fail_update_${table}`, 'UPDATE', table, when, message);
}

/**
 * Deletes the rows of `table` with these ids past the foreign keys that point at them (as a
 * restore or a clean-up by hand might), while the table's own triggers still fire. SQLite: foreign
 * keys off for the statement; PostgreSQL: the table's constraint triggers disabled (its user
 * triggers kept) in the deleting transaction.
 */
export async function deleteIgnoringForeignKeys(
  db: Conn,
  table: string,
  ids: number[],
): Promise<void> {
  const text = `DELETE FROM ${table} WHERE id IN (${ids.map(Number).join(', ')})`;
  if (isPg(db)) {
    await (db as unknown as PgDb).transaction(async (tx) => {
      await tx.execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ALL`));
      await tx.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`));
      await tx.execute(sql.raw(text));
      await tx.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER ALL`));
    });
    return;
  }
  const client = sqliteOf(db);
  client.pragma('foreign_keys = OFF');
  try {
    client.exec(text);
  } finally {
    client.pragma('foreign_keys = ON');
  }
}

/** Every table's rows as JSON text, by table name. */
export async function tableDumps(db: Conn): Promise<Map<string, string>> {
  const names = (
    (await exec(
      db,
      isPg(db)
        ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        : "SELECT name FROM sqlite_master WHERE type = 'table'",
    )) as { name: string }[]
  ).map((t) => t.name);
  const dumps = new Map<string, string>();
  for (const name of names)
    dumps.set(name, JSON.stringify(await exec(db, `SELECT * FROM "${name}"`)));
  return dumps;
}

/**
 * What a rejected promise says, with the database's own message: drizzle wraps a failed
 * statement's error ("Failed query: …") and keeps the driver's as its cause.
 */
export async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const { message, cause } = error as { message?: string; cause?: { message?: string } };
    return [message, cause?.message].filter(Boolean).join(' | ');
  }
  throw new Error('expected a failure, but the call succeeded');
}

/**
 * Throws when the search index differs from the text it is made of: SQLite's FTS5 compares every
 * indexed row with what its source view gives now; on PostgreSQL each case's stored document is
 * compared with the one computed afresh from its radicado, subject, petitioner, text and messages.
 */
export async function checkSearchIndex(db: Conn): Promise<void> {
  if (!isPg(db)) {
    await exec(db, `INSERT INTO case_search (case_search, rank) VALUES ('integrity-check', 1)`);
    return;
  }
  const [stale] = (await exec(
    db,
    `SELECT count(*)::int AS n FROM cases c LEFT JOIN case_search s ON s.case_id = c.id
      WHERE s.document IS DISTINCT FROM case_search_document(c.id)`,
  )) as { n: number }[];
  if (stale!.n > 0) throw new Error(`${stale!.n} cases are indexed with stale text`);
}

/**
 * Runs `statement` as an attacker with the database's files (or its superuser) would: past any
 * trigger and foreign key. SQLite: blocking triggers of `case_events` dropped and foreign keys off
 * for the statement; PostgreSQL: session_replication_role = replica, which fires neither.
 */
export async function tamper(db: Conn, statement: SQL): Promise<void> {
  if (isPg(db)) {
    await (db as unknown as PgDb).transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(statement);
    });
    return;
  }
  const client = sqliteOf(db);
  const triggers = client
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'case_events'",
    )
    .all() as { name: string; sql: string }[];
  const blocking = triggers.filter((t) => /BEFORE\s+(UPDATE|DELETE)/i.test(t.sql));
  for (const t of blocking) client.exec(`DROP TRIGGER ${t.name}`);
  const foreignKeys = client.pragma('foreign_keys', { simple: true }) as number;
  client.pragma('foreign_keys = OFF');
  try {
    (db as unknown as Db).run(statement);
  } finally {
    client.pragma(`foreign_keys = ${foreignKeys}`);
    for (const t of blocking) client.exec(t.sql);
  }
}

/**
 * Empties the database at `target` (a SQLite file or a PostgreSQL URL) of every table, as a lost
 * disk would, for a restore to bring back: the SQLite file goes, PostgreSQL's schemas are dropped.
 */
export async function emptyDatabase(target: string): Promise<void> {
  if (engineAt(target) === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    return;
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    await client.query(
      'DROP SCHEMA public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public',
    );
  } finally {
    await client.end();
  }
}

/**
 * Holds new cases back until the returned function is called, as a slow writer would: a filing
 * writes its files, then waits to insert its case. SQLite: this connection takes the file's write
 * lock (BEGIN IMMEDIATE); PostgreSQL: a transaction of its own locks `cases` against writes (reads
 * still pass).
 */
export async function holdCaseWrites(db: Conn): Promise<() => Promise<void>> {
  if (isPg(db)) {
    const client = await (db as unknown as PgDb).$client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE cases IN EXCLUSIVE MODE');
    return async () => {
      await client.query('ROLLBACK');
      client.release();
    };
  }
  const client = sqliteOf(db);
  client.prepare('BEGIN IMMEDIATE').run();
  return async () => void client.prepare('ROLLBACK').run();
}

/**
 * An export of the numbers 1 … `count` in order, as each engine streams one (lib/server/core/csv.ts):
 * SQLite's one statement, PostgreSQL's keyset pages of `pageSize`. No table: the engine counts.
 */
export function numbersExport(count: number, pageSize?: number): ExportQuery<{ n: number }> {
  return {
    sqlite: {
      sql: 'WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?) SELECT n FROM s',
      params: [count],
    },
    pg: (pool) =>
      keysetRows(async (after, limit) => {
        const { rows } = await pool.query<{ n: number }>(
          'SELECT n FROM generate_series($1::int, $2::int) n ORDER BY n LIMIT $3',
          [(after?.n ?? 0) + 1, count, limit],
        );
        return rows;
      }, pageSize),
  };
}
