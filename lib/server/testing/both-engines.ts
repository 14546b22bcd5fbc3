import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { openDb, type Db } from '@/db/client';
import { closePg, type PgDb } from '@/db/pg/client';
import { openConfiguredPg } from '@/db/pg/connect';
import { ensureDemoData } from '@/db/seed';
import { copyInstallation } from '../admin/db-copy';
import type { TestPgServer } from './pg-server';

/** The instant the demo data is seeded at: "now" for reads that compare with it. */
export const DEMO_NOW = new Date('2026-11-30T15:00:00Z');

/**
 * The demo installation on both engines: seeded into a SQLite file, then moved into a new database
 * of `server` with db:copy (which proves every row equal). Parity tests ask both the same question
 * and expect the same answer.
 */
export async function demoOnBothEngines(
  server: TestPgServer,
): Promise<{ lite: Db; pg: PgDb; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-both-'));
  const uploads = path.join(dir, 'uploads');
  // The seed stores the demo's files where the app would (lib/env.ts reads UPLOAD_DIR).
  vi.stubEnv('UPLOAD_DIR', uploads);
  const lite = openDb(path.join(dir, 'ventanilla.db'));
  await ensureDemoData(lite, DEMO_NOW);
  const pg = await openConfiguredPg(await server.createDatabase());
  const report = await copyInstallation(lite, pg, {
    from: { uploads, branding: path.join(dir, 'branding') },
  });
  if (!report.committed) throw new Error('the demo data did not copy');
  return {
    lite,
    pg,
    cleanup: async () => {
      lite.$client.close();
      await closePg(pg);
      vi.unstubAllEnvs();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
