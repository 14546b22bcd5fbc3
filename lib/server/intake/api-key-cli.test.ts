/**
 * A key issued by `npm run api-key` signs requests the server accepts: the CLI and the server seal
 * and open the signing secret with the same app secret, also on a demo install without
 * NEXTAUTH_SECRET (issue 13 §4: every signed request of a CLI key used to fail).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { closeDatabase, openDb, type Db } from '@/db/client';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { createCaseViaApi } from './handlers';
import { signBody } from './signature';

let dir: string;
let db: Db | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-cli-'));
  vi.stubEnv('DATABASE_PATH', path.join(dir, 'ventanilla.db'));
  vi.stubEnv('NEXTAUTH_SECRET', '');
});
afterEach(() => {
  if (db) closeDatabase(db);
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a signed key from the CLI is accepted by the server without NEXTAUTH_SECRET', () => {
  const env = { ...process.env, DATABASE_PATH: path.join(dir, 'ventanilla.db') };
  delete env.NEXTAUTH_SECRET;
  const out = execFileSync(
    path.join(process.cwd(), 'node_modules', '.bin', 'tsx'),
    [
      '--conditions=react-server',
      'scripts/api-key.ts',
      '--channel',
      'whatsapp',
      '--name',
      'WhatsApp 1',
      '--signed',
    ],
    { env, encoding: 'utf8' },
  );
  const [key, secret] = [...out.matchAll(/^\s+(\S+)$/gm)].map((m) => m[1]!);
  expect(key).toMatch(/^vnt_/);
  expect(fs.existsSync(path.join(dir, '.auth-secret'))).toBe(true);

  db = openDb(path.join(dir, 'ventanilla.db'));
  const now = new Date();
  const body = JSON.stringify({
    typeCode: 'P',
    subject: 'Solicitud por WhatsApp',
    description: 'Quiero saber el estado de mi solicitud de conexión.',
    responseAddress: 'ana@example.co',
  });
  return createCaseViaApi(
    makeCtx(db, SYSTEM_ACTOR, now),
    new Request('http://localhost/api/v1/cases', {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${key}`,
        'X-Ventanilla-Signature': signBody(secret!, body, Math.floor(now.getTime() / 1000)),
      },
    }),
  ).then((response) => expect(response.status).toBe(201));
}, 30_000);
