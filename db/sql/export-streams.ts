import Database from 'better-sqlite3';
import type { Conn } from '../client';

/** The database file under a drizzle database (an export opens its own connection to it). */
function fileOf(db: Conn): string {
  if (!('$client' in db)) throw new Error('an export needs the database, not a transaction');
  return (db.$client as Database.Database).name;
}

/**
 * A read-only connection of its own for one export: better-sqlite3 keeps a connection busy while an
 * iterator is open, so a long streamed export must not hold the app's shared connection.
 */
export function openExportConnection(db: Conn): Database.Database {
  const reader = new Database(fileOf(db), { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  return reader;
}

/** The rows of one query, pulled one at a time from `reader` (its own connection). */
export function iterateRows(
  reader: Database.Database,
  sql: string,
  params: readonly unknown[],
): IterableIterator<Record<string, unknown>> {
  return reader.prepare(sql).iterate(...params) as IterableIterator<Record<string, unknown>>;
}
