/**
 * Backups that restore (issue 13 §10), on either engine (issue 18: pg_dump's copy on PostgreSQL):
 * backup → wipe → restore gives the same cases, the same files and a verified chain; a backup taken
 * while another process writes opens and verifies; a backup changed by one byte is refused;
 * retention keeps the newest N.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, type Conn, type Db } from '@/db/client';
import { engineInUse } from '@/db/engine';
import { closePg, type PgDb } from '@/db/pg/client';
import { isPg } from '@/db/pg/transactions';
import { one } from '@/db/rows';
import { attachments, caseEvents, cases } from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { createCase } from '../cases/create-case';
import { checkUploads, withStoredFiles } from '../cases/uploads';
import { scheduledBackup } from '../jobs/backups';
import { scheduledJobs } from '../jobs';
import { emptyDatabase } from '../testing/engine-sql';
import { fileCase, validFiling } from '../testing/fixtures';
import { databaseTarget, openConnection, openTestDb } from '../testing/test-db';
import { runWorkers } from '../testing/workers';
import { createBackup, databaseFileOf, listBackups, listFiles, type BackupSources } from './backup';
import { restoreBackup } from './restore';

let base: string;
let sources: BackupSources;
let root: string;
let db: Conn | null;
const cleanups: (() => Promise<void>)[] = [];

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n');
const NOW = new Date('2026-06-01T14:00:00Z');
const DATABASE_FILE = databaseFileOf(engineInUse());

/** A new test database and where it is; dropped after the test. */
async function newDatabase(): Promise<{ db: Conn; target: string }> {
  const opened = await openTestDb();
  cleanups.push(opened.cleanup);
  return { db: opened.db, target: databaseTarget(opened.db) };
}

async function close(conn: Conn) {
  if (isPg(conn)) await closePg(conn as unknown as PgDb);
  else closeDatabase(conn as Db);
}

beforeEach(async () => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-backup-'));
  const data = path.join(base, 'data');
  const opened = await newDatabase();
  db = opened.db;
  sources = {
    database: opened.target,
    uploads: path.join(data, 'uploads'),
    mail: path.join(data, 'mail'),
    logo: path.join(data, 'branding'),
    secret: path.join(data, '.auth-secret'),
  };
  root = path.join(base, 'backups');
  vi.stubEnv('UPLOAD_DIR', sources.uploads);
  vi.stubEnv('MAIL_DIR', sources.mail);
  vi.stubEnv('LOGO_DIR', sources.logo);
});
afterEach(async () => {
  await closeOurs();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  vi.unstubAllEnvs();
  fs.rmSync(base, { recursive: true, force: true });
});

async function closeOurs() {
  if (db) await close(db);
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
async function snapshot() {
  const reader = await openConnection(sources.database);
  const hash = (rows: unknown) =>
    crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  try {
    const radicados = (
      await reader.db.select({ radicado: cases.radicado }).from(cases).orderBy(asc(cases.id))
    ).map((r) => r.radicado);
    const files: Record<string, string> = {};
    for (const key of ['uploads', 'mail', 'logo'] as const) {
      for (const rel of listFiles(sources[key])) {
        files[`${key}/${rel}`] = hash(fs.readFileSync(path.join(sources[key], rel), 'base64'));
      }
    }
    return {
      radicados,
      cases: hash(await reader.db.select().from(cases).orderBy(asc(cases.id))),
      events: hash(await reader.db.select().from(caseEvents).orderBy(asc(caseEvents.id))),
      attachments: hash(await reader.db.select().from(attachments).orderBy(asc(attachments.id))),
      files,
      secret: fs.readFileSync(sources.secret, 'utf8'),
    };
  } finally {
    await reader.close();
  }
}

async function caseCount(target: string): Promise<number> {
  const reader = await openConnection(target);
  try {
    return (await one(reader.db.select({ n: count() }).from(cases))).n;
  } finally {
    await reader.close();
  }
}

async function wipe() {
  await emptyDatabase(sources.database);
  for (const dir of [sources.uploads, sources.mail, sources.logo])
    fs.rmSync(dir, { recursive: true });
  fs.rmSync(sources.secret);
}

describe('backup → wipe → restore', () => {
  it('gives back the same cases, events, files and secret, and a verified chain', async () => {
    await installation();
    const before = await snapshot();
    expect(before.radicados).toHaveLength(4);
    expect(Object.keys(before.files).filter((f) => f.startsWith('uploads/'))).toHaveLength(1);

    const { dir, manifest } = await createBackup({ root, sources, now: NOW });
    // The manifest names the last migration applied: the newest in the journal.
    const migrations = engineInUse() === 'postgres' ? 'db/pg/migrations' : 'db/migrations';
    const journal = JSON.parse(
      fs.readFileSync(path.join(process.cwd(), migrations, 'meta/_journal.json'), 'utf8'),
    ) as { entries: { tag: string }[] };
    const latest = journal.entries.at(-1)!.tag;
    expect(manifest).toMatchObject({
      engine: engineInUse(),
      case_count: 4,
      schema_migration: latest,
    });
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([DATABASE_FILE, 'auth-secret', 'mail/2026-06/a@ventanilla.local.eml']),
    );
    expect(listBackups(root)).toEqual([dir]);

    await closeOurs();
    await wipe();
    const outcome = await restoreBackup(dir, { sources });
    expect(outcome).toMatchObject({ restored: true, cases: 4, problems: [] });
    if (outcome.restored)
      expect(outcome.chain).toMatchObject({ intact: true, events: manifest.event_count });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses while another connection holds the database, unless forced', async () => {
    await installation();
    const { dir } = await createBackup({ root, sources, now: NOW });
    const outcome = await restoreBackup(dir, { sources });
    expect(outcome).toMatchObject({ restored: false });
    expect(outcome.problems.join()).toMatch(/stop the server first/);
    await closeOurs();
    expect(await restoreBackup(dir, { sources })).toMatchObject({ restored: true, problems: [] });
  });

  it('refuses a backup changed by one byte, a missing file or an extra one, and writes nothing', async () => {
    await installation();
    const { dir } = await createBackup({ root, sources, now: NOW });
    await closeOurs();
    const before = await snapshot();
    const flip = (rel: string) => {
      const file = path.join(dir, rel);
      const bytes = fs.readFileSync(file);
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      fs.writeFileSync(file, bytes);
    };

    flip(DATABASE_FILE);
    let outcome = await restoreBackup(dir, { sources });
    expect(outcome).toEqual({ restored: false, problems: [`${DATABASE_FILE}: checksum differs`] });
    flip(DATABASE_FILE);

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
    expect(await snapshot()).toEqual(before);
  });
});

describe('a backup taken while another process writes', () => {
  it('is a consistent snapshot: it restores, its chain verifies and its count is the manifest’s', async () => {
    await installation();
    const start = (await snapshot()).radicados.length;
    const writing = runWorkers(sources.database, [{ kind: 'file-cases', count: 120, tag: 'bk' }]);
    // Wait until the other process is committing cases, then take the backup in the middle.
    for (let i = 0; i < 400 && (await caseCount(sources.database)) < start + 10; i++)
      await new Promise((r) => setTimeout(r, 25));
    const { dir, manifest } = await createBackup({ root, sources, now: NOW });
    const outcomes = (await writing)[0]!;
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(manifest.case_count).toBeGreaterThan(start);
    // Taken in the middle of the writes: some of them, not all.
    expect(manifest.case_count).toBeLessThan(start + 120);
    expect(await caseCount(sources.database)).toBe(start + 120);

    const other = await newDatabase();
    await close(other.db);
    const elsewhere: BackupSources = {
      database: other.target,
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

  it('are scheduled on both engines; the jobs PostgreSQL has no use for are not', () => {
    const on = (engine: 'sqlite' | 'postgres') =>
      scheduledJobs({ BACKUP_INTERVAL_HOURS: 6 }, engine).map((j) => j.name);
    const sqliteOnly = ['search.merge'];
    expect(on('sqlite')).toEqual(expect.arrayContaining([...sqliteOnly, 'backups.scheduled']));
    expect(on('postgres')).toContain('backups.scheduled');
    for (const name of sqliteOnly) expect(on('postgres')).not.toContain(name);
    expect(on('postgres')).toEqual(on('sqlite').filter((name) => !sqliteOnly.includes(name)));
  });

  it('keeps the newest N and never lists a half-written one', async () => {
    await installation();
    const HOUR = 3_600_000;
    const dirs: string[] = [];
    // The installation's own sources: its database (file or URL) and the folders stubbed above.
    if (engineInUse() === 'postgres') vi.stubEnv('DATABASE_URL', sources.database);
    else vi.stubEnv('DATABASE_PATH', sources.database);
    for (let i = 0; i < 4; i++) {
      const ctx = makeCtx(db!, SYSTEM_ACTOR, new Date(NOW.getTime() + i * HOUR));
      dirs.push((await scheduledBackup(ctx, { root, keep: 2 })).dir);
    }
    expect(listBackups(root)).toEqual(dirs.slice(2));
    // A backup that failed half-way leaves nothing behind; a stray temporary folder is no backup.
    await expect(
      createBackup({ root, sources: { ...sources, database: `${sources.database}-nope` } }),
    ).rejects.toThrow();
    fs.mkdirSync(path.join(root, '.tmp-ventanilla-2026-06-01T200000.000Z-abcd'));
    expect(listBackups(root)).toEqual(dirs.slice(2));
    expect(fs.readdirSync(root).filter((n) => !n.startsWith('.'))).toHaveLength(2);
  });
});
