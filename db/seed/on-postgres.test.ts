/**
 * The demo on an empty PostgreSQL (`npm start` with DATABASE_URL and SEED_DEMO, issue 18): seeded
 * once, by one of the instances starting at once, with the same demo the embedded engine gets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { closePg, openPg, type PgDb } from '@/db/pg/client';
import { cases, problems, staffUsers } from '@/db/pg/schema';
import { listFiles } from '@/lib/server/admin/backup';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import { ensurePgDemoData } from './on-postgres';

let server: TestPgServer;
let folder: string;
beforeAll(async () => {
  server = await startPgServer();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-pg-demo-'));
  vi.stubEnv('UPLOAD_DIR', path.join(folder, 'uploads'));
  vi.stubEnv('LOGO_DIR', path.join(folder, 'branding'));
}, 60_000);
afterAll(() => {
  vi.unstubAllEnvs();
  server?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

const rows = async (db: PgDb, table: typeof cases | typeof staffUsers | typeof problems) =>
  (await db.select({ n: count() }).from(table))[0]!.n;

it('seeds an empty database once when two instances start at once, and never again', async () => {
  const url = await server.createDatabase();
  const [first, second] = [await openPg(url), await openPg(url)];
  try {
    const seeded = await Promise.all([ensurePgDemoData(first), ensurePgDemoData(second)]);
    expect(seeded.sort()).toEqual([false, true]);
    // The demo of db/seed (seed.test.ts checks its contents on SQLite): 9 staff, 8 processes'
    // problems, 350–450 cases, and the files its cases point at, in the shared upload folder.
    expect(await rows(first, staffUsers)).toBe(9);
    expect(await rows(first, cases)).toBeGreaterThanOrEqual(350);
    expect(await rows(first, cases)).toBeLessThanOrEqual(450);
    expect(await rows(first, problems)).toBeGreaterThan(0);
    expect(listFiles(path.join(folder, 'uploads')).length).toBeGreaterThan(0);
    expect(await ensurePgDemoData(second)).toBe(false);
  } finally {
    await closePg(first);
    await closePg(second);
  }
}, 240_000);
