import { sql, type SQL } from 'drizzle-orm';
import { sqliteOf, type Conn, type Db } from '@/db/client';
import type { PgDb } from '@/db/pg/client';
import { isPg } from '@/db/pg/transactions';

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

/** Makes every insert into `table` fail with `message` until the returned function is called. */
export async function failInserts(
  db: Conn,
  table: string,
  message: string,
): Promise<() => Promise<void>> {
  const name = `fail_${table}`;
  if (isPg(db)) {
    await exec(
      db,
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
    );
    await exec(
      db,
      `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    );
    return async () => {
      await exec(db, `DROP TRIGGER ${name} ON ${table}`);
      await exec(db, `DROP FUNCTION ${name}()`);
    };
  }
  await exec(
    db,
    `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
  );
  return async () => void (await exec(db, `DROP TRIGGER ${name}`));
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
