import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { closureDays } from '@/db/tables';
import { runScript } from '@/lib/server/testing/run-script';
import { databaseEnv, openTestDb } from '@/lib/server/testing/test-db';

/** `npm run terms` on an installation's database, on either engine (terms.test.ts: without one). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-terms-db-'));
let db: Conn;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await openTestDb()));
afterAll(async () => {
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("uses the organisation's closure days when the database exists", async () => {
  await db.insert(closureDays).values({ date: '2026-04-07', reason: 'Día cívico' });
  const out = runScript(
    'terms',
    ['--from', '2026-03-13T16:30:00-05:00', '--days', '15'],
    databaseEnv(db, dir),
  );
  // 2026-04-08 without the closure day (terms.test.ts).
  expect(out).toMatchObject({ status: 0, stdout: '2026-04-09\n' });
});
