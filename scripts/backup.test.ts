import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '@/db/client';
import { engineInUse } from '@/db/engine';
import { closePg, type PgDb } from '@/db/pg/client';
import { isPg } from '@/db/pg/transactions';
import { databaseFileOf } from '@/lib/server/admin/backup';
import { emptyDatabase } from '@/lib/server/testing/engine-sql';
import { fileCase } from '@/lib/server/testing/fixtures';
import { runScript, scriptInstallation } from '@/lib/server/testing/run-script';
import { databaseTarget } from '@/lib/server/testing/test-db';

const site = scriptInstallation('backup-cli');
const dir = site.dir;
const DATABASE_FILE = databaseFileOf(engineInUse());

/** Runs the real CLI (`npm run db:backup` / `db:restore`) as an operator would. */
const run = (script: 'backup' | 'restore', args: string[]) =>
  runScript(script, args, { ...site.env(), UPLOAD_DIR: path.join(dir, 'uploads') });

describe('npm run db:backup and db:restore', () => {
  it('backs up, restores with a verified chain, and exits non-zero on a changed backup', async () => {
    const db = site.db;
    await fileCase(db, { subject: 'Copia de seguridad de prueba' });
    const target = databaseTarget(db);
    // The server is stopped before a restore: our connection goes (the test database stays).
    if (isPg(db)) await closePg(db as unknown as PgDb);
    else closeDatabase(db as Db);

    const backup = run('backup', ['--out', path.join(dir, 'copias')]);
    expect(backup.status, backup.stderr).toBe(0);
    const folder = /: (\S+ventanilla-\S+)/.exec(backup.stdout)?.[1];
    expect(folder && fs.existsSync(path.join(folder, 'manifest.json'))).toBe(true);

    await emptyDatabase(target);
    const restore = run('restore', [folder!]);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/1 casos[\s\S]*íntegra/);

    const copy = path.join(folder!, DATABASE_FILE);
    const bytes = fs.readFileSync(copy);
    bytes[100] = bytes[100]! ^ 0xff;
    fs.writeFileSync(copy, bytes);
    const refused = run('restore', [folder!]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${DATABASE_FILE}: checksum differs`);

    expect(run('restore', []).status).toBe(2);
  });
});
