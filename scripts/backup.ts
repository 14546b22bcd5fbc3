/**
 * `npm run db:backup [-- --out <folder>]`: a consistent copy of the database, taken online (the
 * server may keep running), with the uploads, the mail folder, the logo and the app secret, in a
 * timestamped folder with a manifest of checksums (default BACKUP_DIR or backups/ beside the
 * database). Prints the folder. docs/operations.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackup } from '@/lib/server/admin/backup';

if (fs.existsSync(path.join(process.cwd(), '.env'))) process.loadEnvFile('.env');

let out: string | undefined;
try {
  ({
    values: { out },
  } = parseArgs({ options: { out: { type: 'string' } } }));
} catch (error) {
  process.stderr.write(
    `db:backup: ${(error as Error).message}\nuso: npm run db:backup [-- --out <carpeta>]\n`,
  );
  process.exit(2);
}

try {
  const { dir, manifest } = await createBackup({ root: out ? path.resolve(out) : undefined });
  const bytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
  process.stdout.write(
    `Copia lista / backup ready: ${dir}\n  ${manifest.case_count} casos, ${manifest.event_count} eventos, ` +
      `${manifest.files.length} archivos (${(bytes / 1024 / 1024).toFixed(1)} MB), migración ${manifest.schema_migration ?? '—'}\n`,
  );
} catch (error) {
  process.stderr.write(`db:backup: ${(error as Error).message}\n`);
  process.exit(1);
}
