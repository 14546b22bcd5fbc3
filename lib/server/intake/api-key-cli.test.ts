/**
 * A key issued by `npm run api-key` signs requests the server accepts: the CLI and the server seal
 * and open the signing secret with the same app secret, also on a demo install without
 * NEXTAUTH_SECRET (issue 13 §4: every signed request of a CLI key used to fail). The CLI writes to
 * the database the server reads: the SQLite file, or DATABASE_URL's PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { databaseEnv, openTestDb } from '../testing/test-db';
import { createCaseViaApi } from './handlers';
import { signBody } from './signature';

let dir: string;
let db: Conn;
let cleanup: () => Promise<void>;
/** Where the CLI finds the database, and beside DATABASE_PATH the app secret it keeps. */
let database: { DATABASE_PATH: string; DATABASE_URL: string };
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-cli-'));
  ({ db, cleanup } = await openTestDb());
  database = databaseEnv(db, dir);
  vi.stubEnv('DATABASE_PATH', database.DATABASE_PATH);
  vi.stubEnv('NEXTAUTH_SECRET', '');
});
afterEach(async () => {
  await cleanup();
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a signed key from the CLI is accepted by the server without NEXTAUTH_SECRET', async () => {
  const env = { ...process.env, ...database };
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
  expect(fs.existsSync(path.join(path.dirname(database.DATABASE_PATH), '.auth-secret'))).toBe(true);

  const now = new Date();
  const body = JSON.stringify({
    typeCode: 'P',
    subject: 'Solicitud por WhatsApp',
    description: 'Quiero saber el estado de mi solicitud de conexión.',
    responseAddress: 'ana@example.co',
  });
  const response = await createCaseViaApi(
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
  );
  expect(response.status).toBe(201);
}, 30_000);
