/**
 * `npm run db:copy -- [--to postgres://…] [--files DIR] [--from FILE]`: copies a SQLite
 * installation (DATABASE_PATH unless --from) into an empty PostgreSQL database (--to, else
 * DATABASE_URL: the password then stays off the command line), then checks the copy before it
 * commits (lib/server/admin/db-copy.ts). Stop the server first. Exit code 0 only when every check
 * holds; 1 when one fails (nothing is written) or the database cannot be used; 2 on bad usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { databasePath, openDb } from '@/db/client';
import { closePg, type PgDb } from '@/db/pg/client';
import { DatabaseUnavailable, openConfiguredPg } from '@/db/pg/connect';
import { CopyRefused } from '@/db/pg/copy';
import { copyInstallation, sharedFolders, type CopyReport } from '@/lib/server/admin/db-copy';
import { logoDir } from '@/lib/server/admin/organization-logo';
import { uploadDir } from '@/lib/server/cases/uploads';
import { env, isPostgresUrl } from '@/lib/env';

const USAGE =
  'usage: npm run db:copy -- [--to postgres://user:password@host:5432/database] [--files DIR] [--from FILE]\n' +
  '       (without --to, DATABASE_URL is the target)';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function options(): { to: string; files?: string; from?: string } {
  let values;
  try {
    ({ values } = parseArgs({
      options: { to: { type: 'string' }, files: { type: 'string' }, from: { type: 'string' } },
    }));
  } catch {
    fail(USAGE, 2);
  }
  const to = values.to ?? env().DATABASE_URL;
  // Never echoed back: the URL may hold a password.
  if (!to || !isPostgresUrl(to)) fail(`--to is not a postgres:// URL.\n${USAGE}`, 2);
  return { to, files: values.files, from: values.from };
}

function print(report: CopyReport, files: string | undefined) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const differing = report.tables.filter((t) => t.source !== t.target);
  const rows = report.tables.reduce((sum, t) => sum + t.target, 0);
  out(
    differing.length
      ? `✗ Counts differ: ${differing.map((t) => `${t.table} ${t.source} → ${t.target}`).join(', ')}`
      : `✓ ${report.tables.length} tables, ${rows} rows: the same counts on both sides`,
  );
  const { chain } = report;
  out(
    chain.intact && chain.sameEnd
      ? `✓ Audit chain: ${chain.events} events intact, ending on SQLite's last hash`
      : `✗ Audit chain: ${chain.intact ? 'does not end on SQLite’s last hash' : `broken at event ${chain.brokenAt}`}`,
  );
  if (report.files && files) {
    const { copied, checked, problems } = report.files;
    if (problems.length)
      out(`✗ Files: ${problems.length} problems\n${problems.map((p) => `  ${p}`).join('\n')}`);
    else {
      const shared = sharedFolders(files);
      out(
        `✓ Files: ${copied} copied to ${files} (uploads/, branding/), ${checked} checked against their SHA-256`,
      );
      out(`  Give every instance UPLOAD_DIR=${shared.uploads} and LOGO_DIR=${shared.branding}`);
    }
  } else {
    out(
      `  Files stay in ${uploadDir()} and ${logoDir()}: give every instance those folders (UPLOAD_DIR, LOGO_DIR), or copy them with --files`,
    );
  }
  out(
    report.committed
      ? `✓ Committed in ${(report.ms / 1000).toFixed(1)} s`
      : '✗ Rolled back: nothing was written to PostgreSQL',
  );
}

const args = options();
const file = args.from ?? databasePath();
if (!fs.existsSync(file)) fail(`No SQLite database at ${file}: check --from or DATABASE_PATH.`, 1);
let target: PgDb;
try {
  target = await openConfiguredPg(args.to);
} catch (error) {
  if (!(error instanceof DatabaseUnavailable)) throw error;
  fail(error.message, 1);
}
const source = openDb(file);
const where = `${new URL(args.to).host}${new URL(args.to).pathname}`;
process.stdout.write(`▸ Copying ${file} into PostgreSQL at ${where}\n`);
try {
  let last = '';
  const report = await copyInstallation(source, target, {
    from: { uploads: uploadDir(), branding: logoDir() },
    filesTo: args.files,
    onProgress: ({ table, rows }) => {
      if (table !== last && last) process.stdout.write('\n');
      last = table;
      process.stdout.write(`\r  ${table}: ${rows} rows`);
    },
  });
  process.stdout.write('\n');
  print(report, args.files);
  process.exitCode = report.committed ? 0 : 1;
} catch (error) {
  if (!(error instanceof CopyRefused)) throw error;
  process.stderr.write(`\n${error.message}\n`);
  process.exitCode = 1;
} finally {
  source.$client.close();
  await closePg(target);
}
