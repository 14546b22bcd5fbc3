import { getTableColumns, getTableName, is, type Table } from 'drizzle-orm';
import { copyInto } from './copy-stream';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as getPgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import * as lite from '../schema';
import type { PgDb, Queryable } from './client';
import * as pgSchema from './schema';
import { rebuildSearchIndex } from './search';

/**
 * Copies every row of a SQLite installation into an empty PostgreSQL database (npm run db:copy):
 * table by table in the order their foreign keys need, each with one COPY (copy-stream.ts), in one
 * PostgreSQL transaction, so the target ends with all of it or none of it. Rows travel through the
 * two drizzle schemas (db/pg is written from db/schema), so each value is read and written as its
 * column's type says: an instant stays the same millisecond, a JSON document the same text (the
 * audit chain hashes it).
 */
export interface CopyProgress {
  table: string;
  rows: number;
}

export class CopyRefused extends Error {}

/**
 * Copies every table, then runs `check` inside the same PostgreSQL transaction: the copy commits
 * only when it says yes, and is rolled back otherwise (a failed check leaves the target empty, so
 * the copy can simply be run again). Resolves with whether it committed.
 */
export async function copyRows(
  source: Db,
  target: PgDb,
  options: {
    onProgress?: (progress: CopyProgress) => void;
    check: (client: Queryable) => Promise<boolean>;
  },
): Promise<boolean> {
  const onProgress = options.onProgress ?? (() => undefined);
  const tables = copyOrder();
  // One connection, one transaction: the target ends with every row or none.
  const client = await target.$client.connect();
  const names = tables.map(({ to }) => `"${getTableName(to)}"`);
  try {
    await client.query('BEGIN');
    // Two copies started at once into one database: the second waits, then finds it filled.
    await client.query('SELECT pg_advisory_xact_lock($1)', [COPY_LOCK]);
    await refuseUnlessEmpty(client, tables);
    // The triggers (search index, queue counts) would redo per row what the copy brings whole:
    // off for the load, the search index built once at the end.
    for (const name of names) await client.query(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
    for (const { from, to } of tables) {
      const name = getTableName(from);
      try {
        await copyInto(client, to, readRows(source, from), (rows) =>
          onProgress({ table: name, rows }),
        );
      } catch (error) {
        throw new CopyRefused(
          `${name}: a row was not accepted: ${firstLine(error)}${whereOf(error)}`,
        );
      }
      if (hasIdentity(to)) await restartIdentity(client, getTableName(to));
    }
    for (const name of names) await client.query(`ALTER TABLE ${name} ENABLE TRIGGER USER`);
    onProgress({ table: 'case_search', rows: 0 });
    await rebuildSearchIndex(client);
    const isGood = await options.check(client);
    await client.query(isGood ? 'COMMIT' : 'ROLLBACK');
    return isGood;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The advisory lock of db:copy (a fixed key the app uses for nothing else). */
const COPY_LOCK = 7_406_921_003;

/**
 * A table's rows in primary-key order (no table has a foreign key to itself: one that did would
 * need its rows ordered parents first, see copyOrder), one at a time, each value turned into its column's JavaScript type as drizzle reads it.
 */
function* readRows(source: Db, table: SQLiteTable): Generator<Record<string, unknown>> {
  const config = getTableConfig(table);
  const fields = Object.entries(getTableColumns(table)).map(([field, column]) => ({
    field,
    column,
    name: column.name,
  }));
  const keys = config.columns.filter((c) => c.primary).map((c) => c.name);
  const order = keys.length ? keys : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? []);
  const orderBy = order.length ? ` ORDER BY ${order.map((c) => `"${c}"`).join(', ')}` : '';
  const statement = source.$client.prepare(`SELECT * FROM "${config.name}"${orderBy}`);
  for (const raw of statement.iterate() as IterableIterator<Record<string, unknown>>) {
    const row: Record<string, unknown> = {};
    for (const { field, column, name } of fields) {
      const value = raw[name];
      row[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    yield row;
  }
}

/** Each table's row count on both sides, for the check after the copy. */
export async function compareCounts(
  source: Db,
  target: Queryable,
): Promise<{ table: string; source: number; target: number }[]> {
  const out = [];
  for (const { from, to } of copyOrder()) {
    const name = getTableName(from);
    const sourceCount = source.$client.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as {
      n: number;
    };
    const targetCount = await target.query<{ n: number }>(
      `SELECT count(*) AS n FROM "${getTableName(to)}"`,
    );
    out.push({ table: name, source: sourceCount.n, target: Number(targetCount.rows[0]?.n) });
  }
  return out;
}

interface TablePair {
  key: string;
  from: SQLiteTable;
  to: PgTable;
}

/** Every table, parents before the tables whose foreign keys point at them. */
export function copyOrder(): TablePair[] {
  const pairs = new Map<string, TablePair>();
  for (const [key, value] of Object.entries(lite as Record<string, unknown>)) {
    if (!is(value, SQLiteTable)) continue;
    const to = (pgSchema as Record<string, unknown>)[key];
    if (!is(to, PgTable)) throw new Error(`db/pg/schema.ts has no table ${key}: regenerate it`);
    pairs.set(getTableName(value), { key, from: value, to });
  }
  const ordered: TablePair[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    const pair = pairs.get(name)!;
    for (const fk of getTableConfig(pair.from).foreignKeys) {
      const parent = getTableName(fk.reference().foreignTable);
      if (parent !== name) visit(parent, [...path, name]);
    }
    state.set(name, 'done');
    ordered.push(pair);
  };
  for (const name of [...pairs.keys()].sort()) visit(name, []);
  return ordered;
}

function hasIdentity(table: PgTable): boolean {
  return getPgTableConfig(table).columns.some((c) => c.primary && c.generatedIdentity);
}

/** The next id a new row takes is after the last copied one (ids keep their value). */
async function restartIdentity(client: Queryable, table: string) {
  await client.query(
    `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE(max(id), 0) + 1, false) FROM "${table}"`,
  );
}

async function refuseUnlessEmpty(client: Queryable, tables: TablePair[]) {
  for (const { to } of tables) {
    const name = getTableName(to as Table);
    const found = await client.query(`SELECT 1 FROM "${name}" LIMIT 1`);
    if (found.rowCount)
      throw new CopyRefused(
        `the target database is not empty (table ${name} has rows): db:copy only fills an empty database`,
      );
  }
}

/** Where PostgreSQL says the refused row was ("COPY customers, line 3, column full_name"). */
function whereOf(error: unknown): string {
  const where = (error as { where?: string }).where;
  return where ? ` (${where.split('\n')[0]})` : '';
}

function firstLine(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return String((cause as Error).message ?? cause).split('\n')[0]!;
}
