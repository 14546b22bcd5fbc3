import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { DatabaseSummary } from '../backup';
import { PG_MIGRATIONS_DIR } from './client';
import { pgBinDir } from './programs';

/**
 * The database side of backups on PostgreSQL (issue 18): PostgreSQL's own tools copy the database,
 * `pg_dump` in its custom format (one file, a consistent snapshot taken while the instances keep
 * writing) and `pg_restore` to bring it back. They come with Debian's `postgresql-client`.
 */

const run = promisify(execFile);

/**
 * `pg_dump` or `pg_restore`: the newest server's own when a server is installed here, else the
 * client's on the PATH (Debian's `postgresql-client`).
 */
function tool(name: 'pg_dump' | 'pg_restore'): string {
  const bin = pgBinDir();
  return bin && fs.existsSync(path.join(bin, name)) ? path.join(bin, name) : name;
}

/** Runs one of the tools; its own message (the first line of stderr) on failure. */
async function runTool(name: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  try {
    await run(tool(name), args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${name} is not installed: apt-get install postgresql-client`);
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new Error(`${name}: ${stderr.split('\n')[0] || (error as Error).message}`);
  }
}

/**
 * A consistent copy of the database at `url` in one file (pg_dump's custom format), and the summary
 * of that same snapshot: the counts are read in a transaction whose snapshot pg_dump then uses, so a
 * filing committed meanwhile is in neither.
 */
export async function dumpPgDatabase(url: string, file: string): Promise<DatabaseSummary> {
  return withClient(url, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const { rows } = await client.query<{ snapshot: string }>(
        'SELECT pg_export_snapshot() AS snapshot',
      );
      const summary = await summaryOf(client);
      await runTool('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${rows[0]!.snapshot}`,
        `--file=${file}`,
        url,
      ]);
      return summary;
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

/**
 * Replaces the database at `url` with a dump: every object of the dump dropped and re-created, in
 * one transaction, so a restore that fails leaves the database as it was.
 */
export async function restorePgDump(url: string, file: string): Promise<void> {
  await runTool('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    '--exit-on-error',
    `--dbname=${url}`,
    file,
  ]);
}

async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/** How many other sessions are connected to the database at `url` (a running server's pool). */
export async function otherSessions(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return Number(rows[0]!.n);
  });
}

/** What a manifest records of a database: its last migration and its counts. */
async function summaryOf(client: pg.Client): Promise<DatabaseSummary> {
  const { rows } = await client.query<{ t: string | null; cases: string; events: string }>(
    `SELECT (SELECT max(created_at) FROM drizzle.__drizzle_migrations) AS t,
            (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_events) AS events`,
  );
  const journal = JSON.parse(
    fs.readFileSync(path.join(PG_MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: { when: number; tag: string }[] };
  const when = rows[0]!.t === null ? null : Number(rows[0]!.t);
  return {
    migration: journal.entries.find((e) => e.when === when)?.tag ?? null,
    cases: Number(rows[0]!.cases),
    events: Number(rows[0]!.events),
  };
}

/** The summary of the database at `url` as it is now (after a restore). */
export async function summarizePgDatabase(url: string): Promise<DatabaseSummary> {
  return withClient(url, summaryOf);
}
