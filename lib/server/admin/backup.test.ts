/**
 * Backups that restore (issue 13 §10): backup → wipe → restore gives the same cases, the same files
 * and a verified chain; a backup taken while another process writes opens and verifies; a backup
 * changed by one byte is refused; retention keeps the newest N.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDb, openReader, type Db } from '@/db/client';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { createCase } from '../cases/create-case';
import { checkUploads, withStoredFiles } from '../cases/uploads';
import { scheduledBackup } from '../jobs/backups';
import { scheduledJobs } from '../jobs';
import { fileCase, validFiling } from '../testing/fixtures';
import { runWorkers } from '../testing/workers';
import { createBackup, listBackups, listFiles, type BackupSources } from './backup';
import { restoreBackup } from './restore';

let base: string;
let sources: BackupSources;
let root: string;
let db: Db | null;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n');
const NOW = new Date('2026-06-01T14:00:00Z');

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-backup-'));
  const data = path.join(base, 'data');
  sources = {
    database: path.join(data, 'ventanilla.db'),
    uploads: path.join(data, 'uploads'),
    mail: path.join(data, 'mail'),
    logo: path.join(data, 'branding'),
    secret: path.join(data, '.auth-secret'),
  };
  root = path.join(base, 'backups');
  vi.stubEnv('UPLOAD_DIR', sources.uploads);
  db = openDb(sources.database);
});
afterEach(() => {
  if (db) closeDatabase(db);
  vi.unstubAllEnvs();
  fs.rmSync(base, { recursive: true, force: true });
});

function closeOurs() {
  if (db) closeDatabase(db);
  db = null;
}

/** Cases (one with a file), .eml copies, a logo and the app secret: an installation in use. */
async function installation() {
  const conn = db!;
  for (let i = 0; i < 3; i++) await fileCase(conn, { subject: `Solicitud número ${i}` }, NOW);
  const checked = await checkUploads([{ name: 'factura.pdf', bytes: PDF }]);
  await withStoredFiles(checked, (stored) =>
    createCase(makeCtx(conn, SYSTEM_ACTOR, NOW), validFiling(), { attachments: stored }),
  );
  fs.mkdirSync(path.join(sources.mail, '2026-06'), { recursive: true });
  fs.writeFileSync(
    path.join(sources.mail, '2026-06', 'a@ventanilla.local.eml'),
    'Subject: Hola\r\n\r\nCuerpo',
  );
  fs.mkdirSync(sources.logo, { recursive: true });
  fs.writeFileSync(path.join(sources.logo, 'logo-x.png'), crypto.randomBytes(300));
  fs.writeFileSync(sources.secret, 'secreto-de-la-app');
}

/** What must survive: every radicado, a checksum of all case and event rows, every file's bytes. */
function snapshot() {
  const reader = openReader(sources.database);
  try {
    const radicados = (
      reader.prepare('SELECT radicado FROM cases ORDER BY id').all() as {
        radicado: string;
      }[]
    ).map((r) => r.radicado);
    const rows = (table: string) =>
      crypto
        .createHash('sha256')
        .update(JSON.stringify(reader.prepare(`SELECT * FROM ${table} ORDER BY id`).all()))
        .digest('hex');
    const files: Record<string, string> = {};
    for (const key of ['uploads', 'mail', 'logo'] as const) {
      for (const rel of listFiles(sources[key])) {
        files[`${key}/${rel}`] = crypto
          .createHash('sha256')
          .update(fs.readFileSync(path.join(sources[key], rel)))
          .digest('hex');
      }
    }
    return {
      radicados,
      cases: rows('cases'),
      events: rows('case_events'),
      attachments: rows('attachments'),
      files,
      secret: fs.readFileSync(sources.secret, 'utf8'),
    };
  } finally {
    reader.close();
  }
}

function wipe() {
  for (const suffix of ['', '-wal', '-shm'])
    fs.rmSync(`${sources.database}${suffix}`, { force: true });
  for (const dir of [sources.uploads, sources.mail, sources.logo])
    fs.rmSync(dir, { recursive: true });
  fs.rmSync(sources.secret);
}

describe('backup → wipe → restore', () => {
  it('gives back the same cases, events, files and secret, and a verified chain', async () => {
    await installation();
    const before = snapshot();
    expect(before.radicados).toHaveLength(4);
    expect(Object.keys(before.files).filter((f) => f.startsWith('uploads/'))).toHaveLength(1);

    const { dir, manifest } = await createBackup({ root, sources, now: NOW });
    // The manifest names the last migration applied: the newest in the journal.
    const journal = JSON.parse(
      fs.readFileSync(path.join(process.cwd(), 'db/migrations/meta/_journal.json'), 'utf8'),
    ) as { entries: { tag: string }[] };
    const latest = journal.entries.at(-1)!.tag;
    expect(manifest).toMatchObject({ case_count: 4, schema_migration: latest });
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'database.sqlite',
        'auth-secret',
        'mail/2026-06/a@ventanilla.local.eml',
      ]),
    );
    expect(listBackups(root)).toEqual([dir]);

    closeOurs();
    wipe();
    const outcome = await restoreBackup(dir, { sources });
    expect(outcome).toMatchObject({ restored: true, cases: 4, problems: [] });
    if (outcome.restored)
      expect(outcome.chain).toMatchObject({ intact: true, events: manifest.event_count });
    expect(snapshot()).toEqual(before);
  });

  it('refuses while another connection holds the database, unless forced', async () => {
    await installation();
    const { dir } = await createBackup({ root, sources, now: NOW });
    const outcome = await restoreBackup(dir, { sources });
    expect(outcome).toMatchObject({ restored: false });
    expect(outcome.problems.join()).toMatch(/stop the server first/);
    closeOurs();
    expect(await restoreBackup(dir, { sources })).toMatchObject({ restored: true, problems: [] });
  });

  it('refuses a backup changed by one byte, a missing file or an extra one, and writes nothing', async () => {
    await installation();
    const { dir } = await createBackup({ root, sources, now: NOW });
    closeOurs();
    const before = snapshot();
    const flip = (rel: string) => {
      const file = path.join(dir, rel);
      const bytes = fs.readFileSync(file);
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      fs.writeFileSync(file, bytes);
    };

    flip('database.sqlite');
    let outcome = await restoreBackup(dir, { sources });
    expect(outcome).toEqual({ restored: false, problems: ['database.sqlite: checksum differs'] });
    flip('database.sqlite');

    const upload = listFiles(path.join(dir, 'uploads'))[0]!;
    flip(`uploads/${upload}`);
    fs.writeFileSync(path.join(dir, 'mail', 'intruso.eml'), 'x');
    outcome = await restoreBackup(dir, { sources });
    expect(outcome.problems).toEqual(
      expect.arrayContaining([
        `uploads/${upload}: checksum differs`,
        'mail/intruso.eml: not in the manifest',
      ]),
    );
    fs.rmSync(path.join(dir, 'logo'), { recursive: true });
    expect((await restoreBackup(dir, { sources })).problems.join('\n')).toMatch(
      /logo\/logo-x\.png: missing/,
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('a backup taken while another process writes', () => {
  it('is a consistent snapshot: it restores, its chain verifies and its count is the manifest’s', async () => {
    await installation();
    const start = snapshot().radicados.length;
    const writing = runWorkers(sources.database, [{ kind: 'file-cases', count: 120, tag: 'bk' }]);
    // Wait until the other process is committing cases, then take the backup in the middle.
    const count = () => {
      const reader = openReader(sources.database);
      try {
        return (reader.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
      } finally {
        reader.close();
      }
    };
    for (let i = 0; i < 400 && count() < start + 10; i++)
      await new Promise((r) => setTimeout(r, 25));
    const { dir, manifest } = await createBackup({ root, sources, now: NOW });
    const outcomes = (await writing)[0]!;
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(manifest.case_count).toBeGreaterThan(start);
    // Taken in the middle of the writes: some of them, not all.
    expect(manifest.case_count).toBeLessThan(start + 120);
    expect(count()).toBe(start + 120);

    const elsewhere: BackupSources = {
      database: path.join(base, 'restored', 'ventanilla.db'),
      uploads: path.join(base, 'restored', 'uploads'),
      mail: path.join(base, 'restored', 'mail'),
      logo: path.join(base, 'restored', 'branding'),
      secret: path.join(base, 'restored', '.auth-secret'),
    };
    const outcome = await restoreBackup(dir, { sources: elsewhere });
    expect(outcome).toMatchObject({ restored: true, cases: manifest.case_count, problems: [] });
    if (outcome.restored) expect(outcome.chain.intact).toBe(true);
  });
});

describe('scheduled backups', () => {
  it('run with the server only when BACKUP_INTERVAL_HOURS is set, at that period', () => {
    const names = (hours?: number) =>
      scheduledJobs({ BACKUP_INTERVAL_HOURS: hours }).filter((j) => j.name === 'backups.scheduled');
    expect(names()).toEqual([]);
    expect(names(6)).toMatchObject([{ everyMs: 6 * 3_600_000 }]);
  });

  it('are not scheduled on PostgreSQL, nor are the other jobs it has no use or path for', () => {
    const on = (engine: 'sqlite' | 'postgres') =>
      scheduledJobs({ BACKUP_INTERVAL_HOURS: 6 }, engine).map((j) => j.name);
    const sqliteOnly = ['backups.scheduled', 'search.merge', 'files.sweep_anonymised'];
    expect(on('sqlite')).toEqual(expect.arrayContaining(sqliteOnly));
    for (const name of sqliteOnly) expect(on('postgres')).not.toContain(name);
    expect(on('postgres')).toEqual(on('sqlite').filter((name) => !sqliteOnly.includes(name)));
  });

  it('keeps the newest N and never lists a half-written one', async () => {
    await installation();
    const HOUR = 3_600_000;
    const dirs: string[] = [];
    vi.stubEnv('DATABASE_PATH', sources.database);
    for (let i = 0; i < 4; i++) {
      const ctx = makeCtx(db!, SYSTEM_ACTOR, new Date(NOW.getTime() + i * HOUR));
      dirs.push((await scheduledBackup(ctx, { root, keep: 2 })).dir);
    }
    expect(listBackups(root)).toEqual(dirs.slice(2));
    // A backup that failed half-way leaves nothing behind; a stray temporary folder is no backup.
    await expect(
      createBackup({ root, sources: { ...sources, database: path.join(base, 'nope.db') } }),
    ).rejects.toThrow();
    fs.mkdirSync(path.join(root, '.tmp-ventanilla-2026-06-01T200000.000Z-abcd'));
    expect(listBackups(root)).toEqual(dirs.slice(2));
    expect(fs.readdirSync(root).filter((n) => !n.startsWith('.'))).toHaveLength(2);
  });
});
