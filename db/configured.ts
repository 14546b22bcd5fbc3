import fs from 'node:fs';
import { env } from '@/lib/env';
import { closeDatabase, databasePath, openDb, type Conn } from './client';
import { closePg } from './pg/client';
import { openPgOrExit } from './pg/connect';

/**
 * The installation's database for a command-line script (import, api-key, terms): the PostgreSQL
 * of DATABASE_URL when it is set (the one the servers share; one line and exit 1 when it cannot be
 * used), else the SQLite file of DATABASE_PATH. With `ifExists`, a SQLite file not yet created is
 * left alone and null comes back.
 */
export async function openConfiguredDb(
  options: { ifExists?: boolean } = {},
): Promise<{ db: Conn; close: () => Promise<void> } | null> {
  const url = env().DATABASE_URL;
  if (url) {
    const pg = await openPgOrExit(url);
    return { db: pg as unknown as Conn, close: () => closePg(pg) };
  }
  const file = databasePath();
  if (options.ifExists && !fs.existsSync(file)) return null;
  const db = openDb(file);
  return { db, close: async () => closeDatabase(db) };
}
