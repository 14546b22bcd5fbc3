import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { closureDays } from '@/db/schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-terms-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the real CLI (`npm run -s terms -- …`) as an admin would. */
function terms(args: string[], databasePath = path.join(dir, 'missing.db')) {
  const result = spawnSync(
    path.join(process.cwd(), 'node_modules', '.bin', 'tsx'),
    ['--conditions=react-server', 'scripts/terms.ts', ...args],
    { encoding: 'utf8', env: { ...process.env, DATABASE_PATH: databasePath } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run terms', () => {
  it('prints the legal due date with the national calendar when there is no database', () => {
    const out = terms(['--from', '2026-03-13T16:30:00-05:00', '--days', '15']);
    expect(out).toMatchObject({ status: 0, stdout: '2026-04-08\n' });
  });

  it("uses the organisation's closure days when the database exists", () => {
    const file = path.join(dir, 'org.db');
    const db = openDb(file);
    db.insert(closureDays).values({ date: '2026-04-07', reason: 'Día cívico' }).run();
    db.$client.close();
    const out = terms(['--from', '2026-03-13T16:30:00-05:00', '--days', '15'], file);
    expect(out).toMatchObject({ status: 0, stdout: '2026-04-09\n' });
  });

  it.each([
    [['--from', 'mañana', '--days', '15'], '--from no es una fecha ISO 8601 válida'],
    [
      ['--from', '2026-03-13T16:30:00-05:00', '--days', 'quince'],
      '--days debe ser un número entero',
    ],
    [['--from', '2026-03-13T16:30:00-05:00', '--days', '0'], '--days debe ser un número entero'],
    [['--days', '15'], 'falta --from'],
    [['--from', '2026-03-13T16:30:00-05:00'], 'falta --days'],
    [['--desde', 'x'], "Unknown option '--desde'"],
  ])('refuses %j with a clear message and exit code 2', (args, message) => {
    const out = terms(args);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(message);
  });
});
