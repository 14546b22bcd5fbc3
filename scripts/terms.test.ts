import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '@/lib/server/testing/run-script';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-terms-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the real CLI (`npm run -s terms -- …`) as an admin would. */
const terms = (args: string[]) =>
  runScript('terms', args, { DATABASE_PATH: path.join(dir, 'missing.db'), DATABASE_URL: '' });

const FROM_15 = ['--from', '2026-03-13T16:30:00-05:00', '--days', '15'];

describe('npm run terms', () => {
  it('prints the legal due date with the national calendar when there is no database', () => {
    const out = terms(['--from', '2026-03-13T16:30:00-05:00', '--days', '15']);
    expect(out).toMatchObject({ status: 0, stdout: '2026-04-08\n' });
  });

  it.each([
    // Paused 18 March (day 3 used) until 26 March: 5 business days of waiting (23 is San José).
    [['--pause', '2026-03-18T10:00:00-05:00/2026-03-26T09:00:00-05:00'], '2026-04-15'],
    // Two pauses; the second takes out 7 and 8 April.
    [['--pause', '2026-03-18/2026-03-26', '--pause', '2026-04-06/2026-04-08'], '2026-04-17'],
    // An extension of 8 business days, then a pause: the pause moves the extended date.
    [['--extension-days', '8'], '2026-04-20'],
    [['--extension-days', '8', '--pause', '2026-03-18/2026-03-26'], '2026-04-27'],
    // The cap: E = N is twice the term.
    [['--extension-days', '15'], '2026-04-29'],
  ])('with %j prints %s as its last line', (extra, due) => {
    const out = terms(['--from', '2026-03-13T16:30:00-05:00', '--days', '15', ...extra]);
    expect(out.status).toBe(0);
    expect(out.stdout.trimEnd().split('\n').at(-1)).toBe(due);
  });

  it.each([
    [['--from', 'mañana', '--days', '15'], '--from no es una fecha ISO 8601 válida'],
    [[...FROM_15, '--pause', '2026-03-18'], '--pause debe ser <solicitada>/<respondida>'],
    [[...FROM_15, '--pause', '2026-03-18/ayer'], '--pause debe ser <solicitada>/<respondida>'],
    [[...FROM_15, '--pause', '2026-03-26/2026-03-18'], '--pause termina antes de empezar'],
    [[...FROM_15, '--pause', '2026-03-01/2026-03-18'], '--pause empieza antes de la radicación'],
    [
      [...FROM_15, '--extension-days', '16'],
      '--extension-days debe ser un número entero entre 0 y 15',
    ],
    [[...FROM_15, '--extension-days', '-1'], '--extension-days'],
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
