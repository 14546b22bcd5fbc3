import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { fileCase } from '@/lib/server/testing/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-backup-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const database = path.join(dir, 'data', 'ventanilla.db');

/** Runs the real CLI (`npm run db:backup` / `db:restore`) as an operator would. */
function run(script: 'backup' | 'restore', args: string[]) {
  const result = spawnSync(
    path.join(process.cwd(), 'node_modules', '.bin', 'tsx'),
    ['--conditions=react-server', `scripts/${script}.ts`, ...args],
    { encoding: 'utf8', env: { ...process.env, DATABASE_PATH: database } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run db:backup and db:restore', () => {
  it('backs up, restores with a verified chain, and exits non-zero on a changed backup', async () => {
    const db = openDb(database);
    await fileCase(db, { subject: 'Copia de seguridad de prueba' });
    db.$client.close();

    const backup = run('backup', ['--out', path.join(dir, 'copias')]);
    expect(backup.status, backup.stderr).toBe(0);
    const folder = /: (\S+ventanilla-\S+)/.exec(backup.stdout)?.[1];
    expect(folder && fs.existsSync(path.join(folder, 'manifest.json'))).toBe(true);

    fs.rmSync(database);
    const restore = run('restore', [folder!]);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/1 casos[\s\S]*íntegra/);

    const copy = path.join(folder!, 'database.sqlite');
    const bytes = fs.readFileSync(copy);
    bytes[100] = bytes[100]! ^ 0xff;
    fs.writeFileSync(copy, bytes);
    const refused = run('restore', [folder!]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/database\.sqlite: checksum differs/);

    expect(run('restore', []).status).toBe(2);
  });
});
