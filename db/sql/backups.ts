import type Database from 'better-sqlite3';

/** The raw reads a backup's manifest records (db/backup.ts), on a connection of its own. */

/** When the last applied migration was generated (drizzle's `created_at` is the journal's `when`). */
export function lastMigrationMillis(db: Database.Database): number | null {
  const row = db.prepare('SELECT max(created_at) AS t FROM __drizzle_migrations').get() as
    { t: number | null } | undefined;
  return row?.t === null || row?.t === undefined ? null : Number(row.t);
}

export function databaseCounts(db: Database.Database): { cases: number; events: number } {
  return db
    .prepare(
      'SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_events) AS events',
    )
    .get() as { cases: number; events: number };
}
