/**
 * `npm run db:copy -- --to postgres://… [--files /shared/uploads] [--from data/ventanilla.db]`:
 * copies a SQLite installation (DATABASE_PATH unless --from) into an empty PostgreSQL database,
 * then checks the copy (lib/server/admin/db-copy.ts). Exit code 0 only when every check holds.
 */
import { parseArgs } from 'node:util';
import { databasePath, openDb } from '@/db/client';
import { closePg } from '@/db/pg/client';
import { DatabaseUnavailable, openConfiguredPg } from '@/db/pg/connect';
import { CopyRefused } from '@/db/pg/copy';
import { copyInstallation, copyVerified, sharedFolders } from '@/lib/server/admin/db-copy';
import { logoDir } from '@/lib/server/admin/organization-logo';
import { uploadDir } from '@/lib/server/cases/uploads';

const USAGE =
  'usage: npm run db:copy -- --to postgres://user:password@host:5432/database [--files DIR] [--from FILE]';

function options() {
  try {
    const { values } = parseArgs({
      options: { to: { type: 'string' }, files: { type: 'string' }, from: { type: 'string' } },
    });
    if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) throw new Error('--to is required');
    return values as { to: string; files?: string; from?: string };
  } catch {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
}

const args = options();
const file = args.from ?? databasePath();
const source = openDb(file);
let target;
try {
  target = await openConfiguredPg(args.to);
} catch (error) {
  if (!(error instanceof DatabaseUnavailable)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
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
  const differing = report.tables.filter((t) => t.source !== t.target);
  const rows = report.tables.reduce((sum, t) => sum + t.target, 0);
  process.stdout.write(
    differing.length
      ? `✗ Counts differ: ${differing.map((t) => `${t.table} ${t.source} → ${t.target}`).join(', ')}\n`
      : `✓ ${report.tables.length} tables, ${rows} rows: the same counts on both sides\n`,
  );
  const { chain } = report;
  process.stdout.write(
    chain.intact && chain.sameEnd
      ? `✓ Audit chain: ${chain.events} events intact, ending on SQLite's last hash\n`
      : `✗ Audit chain: ${chain.intact ? 'does not end on SQLite’s last hash' : `broken at event ${chain.brokenAt}`}\n`,
  );
  if (report.files) {
    const { copied, checked, problems } = report.files;
    process.stdout.write(
      problems.length
        ? `✗ Files: ${problems.length} problems\n${problems.map((p) => `  ${p}\n`).join('')}`
        : `✓ Files: ${copied} copied to ${args.files} (uploads/, branding/), ${checked} checked against their SHA-256\n` +
            `  Give every instance UPLOAD_DIR=${sharedFolders(args.files!).uploads} and LOGO_DIR=${sharedFolders(args.files!).branding}\n`,
    );
  } else {
    process.stdout.write(
      `  Files stay in ${uploadDir()} and ${logoDir()}: give every instance those folders (UPLOAD_DIR, LOGO_DIR), or copy them with --files\n`,
    );
  }
  process.stdout.write(`  ${(report.ms / 1000).toFixed(1)} s\n`);
  process.exitCode = copyVerified(report) ? 0 : 1;
} catch (error) {
  if (!(error instanceof CopyRefused)) throw error;
  process.stderr.write(`\n${error.message}\n`);
  process.exitCode = 1;
} finally {
  source.$client.close();
  await closePg(target);
}
