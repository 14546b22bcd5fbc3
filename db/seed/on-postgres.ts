/**
 * The demo installation on an empty PostgreSQL (`npm start` with DATABASE_URL and SEED_DEMO): the
 * demo is seeded into a throwaway SQLite file exactly as on the embedded engine (`npm run db:seed`
 * in a process of its own, without DATABASE_URL: a process's tables are its engine's, db/tables.ts),
 * then copied and checked by db:copy's own code (lib/server/admin/db-copy.ts). One seed, two
 * engines: the demo is the same rows, hash chain and all. The files it writes land in UPLOAD_DIR,
 * which every instance shares, so nothing else moves.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { openDb } from '@/db/client';
import type { PgDb } from '@/db/pg/client';
import { staffUsers } from '@/db/pg/schema';
import { copyInstallation } from '@/lib/server/admin/db-copy';
import { logoDir } from '@/lib/server/admin/organization-logo';
import { uploadDir } from '@/lib/server/cases/uploads';

/** Advisory lock key: instances starting at once seed one after another (the later find data). */
const SEED_LOCK = 7_406_921_002;

/**
 * Seeds the demo into `target` when it has no staff yet; false when it already had data. Throws
 * when the copy's checks fail (nothing is then written).
 */
export async function ensurePgDemoData(target: PgDb): Promise<boolean> {
  const holder = await target.$client.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
    const [staff] = await target.select({ n: count() }).from(staffUsers);
    if ((staff?.n ?? 0) > 0) return false;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-demo-'));
    const file = path.join(dir, 'demo.db');
    const seeded = spawnSync(
      path.join(process.cwd(), 'node_modules', '.bin', 'tsx'),
      ['--conditions=react-server', path.join('scripts', 'seed.ts')],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DATABASE_URL: '', DATABASE_PATH: file },
      },
    );
    if (seeded.status !== 0) throw new Error('the demo data could not be seeded (npm run db:seed)');
    const source = openDb(file);
    try {
      const report = await copyInstallation(source, target, {
        from: { uploads: uploadDir(), branding: logoDir() },
      });
      if (!report.committed) throw new Error('the demo data did not copy cleanly to PostgreSQL');
      return true;
    } finally {
      source.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await holder.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
    holder.release();
  }
}
