/**
 * `npm run db:restore -- <backup folder> [--force]`: checks the backup against its manifest,
 * refuses while the server has the database open (stop it first; --force overrides), replaces the
 * database and the folders, then verifies the audit chain of what it restored. Exit code 0 only
 * when everything matched and the chain is intact. docs/operations.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { restoreBackup } from '@/lib/server/admin/restore';

if (fs.existsSync(path.join(process.cwd(), '.env'))) process.loadEnvFile('.env');

const usage = 'uso: npm run db:restore -- <carpeta de la copia> [--force]';
let parsed: { values: { force?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({ options: { force: { type: 'boolean' } }, allowPositionals: true });
} catch (error) {
  process.stderr.write(`db:restore: ${(error as Error).message}\n${usage}\n`);
  process.exit(2);
}
const [dir] = parsed.positionals;
if (!dir || parsed.positionals.length > 1) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const outcome = await restoreBackup(path.resolve(dir), { force: parsed.values.force === true });
if (!outcome.restored) {
  process.stderr.write(`db:restore: copia rechazada / backup refused (${dir}):\n`);
  for (const problem of outcome.problems) process.stderr.write(`  - ${problem}\n`);
  process.exit(1);
}
const { chain, cases, manifest } = outcome;
process.stdout.write(`Restaurada / restored: ${dir} (${manifest.created_at})\n  ${cases} casos\n`);
process.stdout.write(
  chain.intact
    ? `  Cadena de auditoría íntegra / audit chain intact: ${chain.events} eventos\n`
    : `  Cadena de auditoría ROTA / audit chain BROKEN at event ${chain.eventId} (${chain.kind})\n`,
);
for (const problem of outcome.problems) process.stderr.write(`  - ${problem}\n`);
process.exit(outcome.problems.length === 0 ? 0 : 1);
