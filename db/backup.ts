import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from './client';
import { databaseCounts, lastMigrationMillis } from './sql/backups';

/**
 * The database side of backups (issue 13 §10): only db/ holds the driver, so the copy, the
 * "is a server using it" check and the summary a manifest records live here.
 */

/**
 * A consistent copy of a live database through SQLite's online backup API, while the server may
 * be writing: every page in one step, so the copy is the snapshot of one read transaction (WAL
 * lets writers go on meanwhile) and never restarts because another connection wrote. The copy is
 * left in rollback-journal mode, one self-contained file whose checksum stays put when read.
 */
export async function copyDatabase(source: string, target: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new Database(target);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * True when another process has the database open. SQLite removes the -wal and -shm files when the
 * last connection closes; if they remain after this one opens and closes, someone else holds it.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } finally {
    db.close();
  }
  return fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`);
}

/** Removes a database file with its WAL and shared-memory files. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    fs.rmSync(`${file}${suffix}`, { force: true });
}

export interface DatabaseSummary {
  /** The tag of the last migration applied (db/migrations/meta/_journal.json), or null. */
  migration: string | null;
  cases: number;
  events: number;
}

/** What a manifest records of a database copy, read on a read-only connection. */
export function summarizeDatabase(file: string): DatabaseSummary {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const journal = JSON.parse(
      fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { when: number; tag: string }[] };
    const when = lastMigrationMillis(db);
    const migration = journal.entries.find((e) => e.when === when)?.tag ?? null;
    return { migration, ...databaseCounts(db) };
  } finally {
    db.close();
  }
}
