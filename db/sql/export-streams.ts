import Database from 'better-sqlite3';
import type { Conn } from '../client';
import { databaseOf, openReader } from '../client';

/**
 * A read-only connection of its own for one export: better-sqlite3 keeps a connection busy while an
 * iterator is open, so a long streamed export must not hold the app's shared connection.
 * (PostgreSQL reads exports in keyset pages through the pool: db/pg/export-streams.ts.)
 */
export function openExportConnection(db: Conn): Database.Database {
  return openReader(databaseOf(db).$client.name);
}

/** The rows of one query, pulled one at a time from `reader` (its own connection). */
export function iterateRows(
  reader: Database.Database,
  sql: string,
  params: readonly unknown[],
): IterableIterator<Record<string, unknown>> {
  return reader.prepare(sql).iterate(...params) as IterableIterator<Record<string, unknown>>;
}
