import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { asc, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb, type Db } from '@/db/client';
import { closePg, type PgDb } from '@/db/pg/client';
import { openConfiguredPg } from '@/db/pg/connect';
import { copyOrder, CopyRefused } from '@/db/pg/copy';
import * as pgSchema from '@/db/pg/schema';
import { newestMatches } from '@/db/pg/search';
import { ensureDemoData } from '@/db/seed';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import {
  checkChain,
  copyInstallation,
  copyVerified,
  sharedFolders,
  type FileFolders,
} from './db-copy';

const run = promisify(execFile);

/** Every row of a table on both engines, in primary-key order, as drizzle reads them. */
async function bothSides(source: Db, target: PgDb, key: string) {
  const pair = copyOrder().find((p) => p.key === key)!;
  const liteKeys = getTableConfig(pair.from).columns.filter((c) => c.primary);
  const composite = getTableConfig(pair.from).primaryKeys[0]?.columns ?? [];
  const order = (liteKeys.length ? liteKeys : composite).map((c) => c.name);
  const pgColumns = getTableColumns(pair.to) as Record<string, { name: string }>;
  const liteColumns = getTableColumns(pair.from) as Record<string, { name: string }>;
  const pgOrder = Object.values(pgColumns).filter((c) => order.includes(c.name));
  const liteOrder = Object.values(liteColumns).filter((c) => order.includes(c.name));
  const sourceRows = source
    .select()
    .from(pair.from)
    .orderBy(...liteOrder.map((c) => asc(c as never)))
    .all();
  const targetRows = await target
    .select()
    .from(pair.to)
    .orderBy(...pgOrder.map((c) => asc(c as never)));
  return { name: getTableName(pair.from), sourceRows, targetRows };
}

describe('npm run db:copy: a SQLite installation onto PostgreSQL', () => {
  /** This installation's UPLOAD_DIR and LOGO_DIR (set for the seed and the command below). */
  let folders: FileFolders;
  let server: TestPgServer;
  let dir: string;
  let source: Db;
  let file: string;
  beforeAll(async () => {
    server = await startPgServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-copy-'));
    folders = { uploads: path.join(dir, 'uploads'), branding: path.join(dir, 'branding') };
    vi.stubEnv('UPLOAD_DIR', folders.uploads);
    vi.stubEnv('LOGO_DIR', folders.branding);
    file = path.join(dir, 'ventanilla.db');
    source = openDb(file);
    await ensureDemoData(source, new Date('2026-11-30T15:00:00Z'));
  }, 120_000);
  afterAll(() => {
    source?.$client.close();
    server?.stop();
    vi.unstubAllEnvs();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every row of every table unchanged, and proves it: counts, audit chain, files', async () => {
    const target = await openConfiguredPg(await server.createDatabase());
    const shared = path.join(dir, 'shared');
    try {
      // The entity's logo travels too (LOGO_DIR).
      fs.mkdirSync(folders.branding, { recursive: true });
      const logo = 'logo-00000000-0000-4000-8000-000000000001.png';
      fs.writeFileSync(path.join(folders.branding, logo), Buffer.from('89504e470d0a1a0a', 'hex'));
      source.$client.prepare('UPDATE organization SET logo_path = ? WHERE id = 1').run(logo);
      // Text that COPY's format must escape: backslashes, tabs, line breaks, a literal \N.
      const odd = 'Ana\\Ruiz\tde la Peña\r\nsegunda línea \\N fin';
      source.$client.prepare('UPDATE customers SET full_name = ? WHERE id = 2').run(odd);
      source.$client
        .prepare('UPDATE outbox SET params = ? WHERE id = (SELECT min(id) FROM outbox)')
        .run(JSON.stringify({ nota: odd, vacío: null }));
      const report = await copyInstallation(source, target, { from: folders, filesTo: shared });
      expect(copyVerified(report)).toBe(true);
      expect(report.committed).toBe(true);
      expect(report.chain.events).toBeGreaterThan(1000);
      expect(report.files!.checked).toBeGreaterThan(100);
      for (const { key } of copyOrder()) {
        const { name, sourceRows, targetRows } = await bothSides(source, target, key);
        expect([name, targetRows.length]).toEqual([name, sourceRows.length]);
        expect(targetRows).toEqual(sourceRows);
      }
      const to = sharedFolders(shared);
      let copied = 0;
      for (const kind of ['uploads', 'branding'] as const)
        for (const name of fs.readdirSync(to[kind])) {
          expect(fs.readFileSync(path.join(to[kind], name))).toEqual(
            fs.readFileSync(path.join(folders[kind], name)),
          );
          copied += 1;
        }
      expect(copied).toBe(report.files!.copied);
      expect(fs.readdirSync(to.branding)).toEqual([logo]);

      // The search index is built once, after the rows: one document per case, and it finds.
      const indexed = await target.$client.query('SELECT count(*)::int AS n FROM case_search');
      expect(indexed.rows[0].n).toBe(
        source.$client.prepare('SELECT count(*) AS n FROM cases').pluck().get(),
      );
      const [sample] = await target
        .select({ id: pgSchema.cases.id, radicado: pgSchema.cases.radicado })
        .from(pgSchema.cases)
        .orderBy(sql`id desc`)
        .limit(1);
      expect(await newestMatches(target.$client, [sample!.radicado], 5)).toEqual([sample!.id]);

      // A row written after the move takes the next id, not one already copied.
      const [last] = await target
        .select({ id: pgSchema.teams.id })
        .from(pgSchema.teams)
        .orderBy(sql`id desc`)
        .limit(1);
      const [added] = await target
        .insert(pgSchema.teams)
        .values({ name: 'Equipo nuevo tras la copia' } as never)
        .returning({ id: pgSchema.teams.id });
      expect(added!.id).toBe(last!.id + 1);
    } finally {
      await closePg(target);
    }
  });

  it('finds an event edited after the copy: the chain breaks at that event', async () => {
    const target = await openConfiguredPg(await server.createDatabase());
    try {
      await copyInstallation(source, target, { from: folders });
      const { rows } = await target.$client.query(
        `SELECT id FROM case_events WHERE body IS NOT NULL ORDER BY id OFFSET 100 LIMIT 1`,
      );
      const edited = Number(rows[0].id);
      await target.$client.query(`UPDATE case_events SET body = body || '.' WHERE id = $1`, [
        edited,
      ]);
      expect(await checkChain(source, target.$client)).toMatchObject({
        intact: false,
        brokenAt: edited,
      });
    } finally {
      await closePg(target);
    }
  });

  it('only fills an empty database: a second copy is refused and changes nothing', async () => {
    const target = await openConfiguredPg(await server.createDatabase());
    try {
      await copyInstallation(source, target, { from: folders });
      const before = await target.$client.query('SELECT count(*)::int AS n FROM cases');
      const again = copyInstallation(source, target, { from: folders });
      await expect(again).rejects.toThrow(CopyRefused);
      await expect(again).rejects.toThrow(/not empty \(table \w+ has rows\)/);
      const after = await target.$client.query('SELECT count(*)::int AS n FROM cases');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    } finally {
      await closePg(target);
    }
  });

  it('writes nothing when a row cannot be taken, and names the table and rows', async () => {
    const odd = openDb(path.join(dir, 'odd.db'));
    const target = await openConfiguredPg(await server.createDatabase());
    try {
      await ensureDemoData(odd, new Date('2026-11-30T15:00:00Z'));
      // SQLite keeps a NUL character in text; PostgreSQL's text refuses it.
      odd.$client
        .prepare(`UPDATE customers SET full_name = 'Ana' || char(0) || 'Ruiz' WHERE id = 3`)
        .run();
      const copy = copyInstallation(odd, target, { from: folders });
      await expect(copy).rejects.toThrow(
        /^customers: a row was not accepted: .*\(COPY customers, line \d+/,
      );
      for (const table of ['teams', 'staff_users', 'customers', 'cases']) {
        const { rows } = await target.$client.query(`SELECT count(*)::int AS n FROM ${table}`);
        expect([table, rows[0].n]).toEqual([table, 0]);
      }
    } finally {
      odd.$client.close();
      await closePg(target);
    }
  });

  it('rolls back when a check fails, so the copy can run again; files removed on purpose are no problem', async () => {
    const moved = openDb(path.join(dir, 'moved.db'));
    const target = await openConfiguredPg(await server.createDatabase());
    try {
      await ensureDemoData(moved, new Date('2026-11-30T15:00:00Z'));
      // Copied from a folder that lacks every file: the file check fails, nothing is written.
      const empty = { uploads: path.join(dir, 'nothing-here'), branding: folders.branding };
      const failed = await copyInstallation(moved, target, {
        from: empty,
        filesTo: path.join(dir, 'failed'),
      });
      expect(failed.committed).toBe(false);
      expect(failed.files!.problems.length).toBeGreaterThan(0);
      const { rows } = await target.$client.query('SELECT count(*)::int AS n FROM cases');
      expect(rows[0].n).toBe(0);

      // An anonymised petitioner's file: its row keeps a marked name, its bytes are gone.
      const [gone] = moved.$client
        .prepare(
          `UPDATE attachments SET stored_name = 'retirado:' || stored_name
           WHERE id = (SELECT min(id) FROM attachments) RETURNING stored_name AS name`,
        )
        .all() as { name: string }[];
      fs.rmSync(path.join(folders.uploads, gone!.name.slice('retirado:'.length)));
      const again = await copyInstallation(moved, target, {
        from: folders,
        filesTo: path.join(dir, 'again'),
      });
      expect(again.files!.problems).toEqual([]);
      expect(again.committed).toBe(true);
    } finally {
      moved.$client.close();
      await closePg(target);
    }
  });

  it('runs as a command: checks printed, exit code 0; bad usage and a missing file say so', async () => {
    const url = await server.createDatabase();
    const env = { ...process.env, DATABASE_PATH: file, NODE_ENV: 'test' as const };
    const args = ['tsx', '--conditions=react-server', 'scripts/db-copy.ts'];
    // Without --to the target is DATABASE_URL: the password stays off the command line.
    const { stdout } = await run('npx', [...args, '--files', path.join(dir, 'cli')], {
      env: { ...env, DATABASE_URL: url },
    });
    expect(stdout).toMatch(/✓ \d+ tables, \d+ rows: the same counts on both sides/);
    expect(stdout).toMatch(/✓ Audit chain: \d+ events intact, ending on SQLite's last hash/);
    expect(stdout).toMatch(
      /✓ Files: \d+ copied to .*cli \(uploads\/, branding\/\), \d+ checked against their SHA-256/,
    );
    expect(stdout).toMatch(/✓ Committed in [\d.]+ s/);
    const failed = (extra: string[], more: Record<string, string> = {}) =>
      run('npx', [...args, ...extra], { env: { ...env, ...more } }).catch(
        (e: { code: number; stderr: string }) => e,
      );
    expect(await failed([])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: npm run db:copy -- [--to postgres://'),
    });
    // A URL that does not parse is refused without being printed back (it may hold a password).
    const bad = await failed(['--to', 'postgres://ventanilla:s3cr3t@dbhost:99999/x']);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).not.toContain('s3cr3t');
    const missing = await failed(['--to', url, '--from', path.join(dir, 'typo.db')]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`No SQLite database at ${path.join(dir, 'typo.db')}`),
    });
    expect(fs.existsSync(path.join(dir, 'typo.db'))).toBe(false);
  }, 60_000);
});
