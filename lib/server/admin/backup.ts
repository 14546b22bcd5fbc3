import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { copyDatabase, summarizeDatabase } from '@/db/backup';
import { databasePath } from '@/db/client';
import { engineAt, engineInUse, type Engine } from '@/db/engine';
import { dumpPgDatabase } from '@/db/pg/backup';
import { env } from '@/lib/env';
import { uploadDir } from '../cases/uploads';
import { mailDir } from '../notices/transport';
import { logoDir } from './organization-logo';

/**
 * Backups (issue 13 §10): the database, copied online, with every file the database points at or
 * needs — uploads, the mail folder's .eml copies, the logo and the app secret that sealed the API
 * signing secrets — in one timestamped folder with a manifest of checksums. restore.ts brings one
 * back; jobs/backups.ts takes them on a schedule with retention. On PostgreSQL the database part is
 * pg_dump's copy of one snapshot (db/pg/backup.ts).
 */

/** Where each part of an installation lives (each overridable: tests and restores to elsewhere). */
export interface BackupSources {
  /** The SQLite file, or on PostgreSQL the database's URL. */
  database: string;
  uploads: string;
  mail: string;
  logo: string;
  /** `.auth-secret` beside the database (absent when NEXTAUTH_SECRET is set). */
  secret: string;
}

export const FOLDERS = ['uploads', 'mail', 'logo'] as const;
export const DATABASE_FILE = 'database.sqlite';
/** The database's file in a backup of a PostgreSQL installation (pg_dump's custom format). */
export const PG_DUMP_FILE = 'database.pgdump';
export const SECRET_FILE = 'auth-secret';
export const MANIFEST_FILE = 'manifest.json';

/** The database's file in a backup of an installation on `engine`. */
export function databaseFileOf(engine: Engine): string {
  return engine === 'postgres' ? PG_DUMP_FILE : DATABASE_FILE;
}

export function backupSources(): BackupSources {
  const database = databasePath();
  return {
    database: engineInUse() === 'postgres' ? env().DATABASE_URL! : database,
    uploads: uploadDir(),
    mail: mailDir(),
    logo: logoDir(),
    secret: path.join(/*turbopackIgnore: true*/ path.dirname(database), '.auth-secret'),
  };
}

/** BACKUP_DIR, or `backups/` beside the database. */
export function backupRoot(): string {
  const configured = env().BACKUP_DIR;
  return configured
    ? path.resolve(/*turbopackIgnore: true*/ configured)
    : path.join(/*turbopackIgnore: true*/ path.dirname(databasePath()), 'backups');
}

/** A path inside the backup folder: relative, forward slashes, never leaving it. */
const insidePath = z
  .string()
  .min(1)
  .refine(
    (p) =>
      !path.posix.isAbsolute(p) &&
      path.posix.normalize(p) === p &&
      !p.split('/').includes('..') &&
      !p.includes('\\'),
    'not a path inside the backup',
  );

export const ManifestSchema = z.object({
  format: z.literal(1),
  /** The engine the database was copied from; backups before issue 18 are SQLite's. */
  engine: z.enum(['sqlite', 'postgres']).default('sqlite'),
  created_at: z.iso.datetime(),
  /** The last migration applied to the copied database (its tag in db/migrations). */
  schema_migration: z.string().nullable(),
  case_count: z.number().int().nonnegative(),
  event_count: z.number().int().nonnegative(),
  folders: z.array(z.enum(FOLDERS)),
  files: z.array(
    z.object({
      path: insidePath,
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const NAME = /^ventanilla-\d{4}-\d{2}-\d{2}T\d{6}\.\d{3}Z$/;

/** `ventanilla-2026-12-06T070000.123Z`: sorts by time, safe on every file system. */
export function backupName(at: Date): string {
  return `ventanilla-${at.toISOString().replace(/:/g, '')}`;
}

/** The relative paths of every regular file under `dir`, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

export async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Copies the regular files of one folder; a file removed while copying is simply not there. */
export function copyFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const rel of listFiles(from)) {
    fs.mkdirSync(path.dirname(path.join(to, rel)), { recursive: true });
    try {
      fs.copyFileSync(path.join(from, rel), path.join(to, rel));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

export interface BackupOptions {
  /** The folder the backup goes in (default `backupRoot()`). */
  root?: string;
  now?: Date;
  sources?: BackupSources;
}

/**
 * Takes one backup while the server may be running. The database first (a snapshot), then the
 * folders: a file written after the snapshot is at worst an extra file no row names (the orphan
 * sweep removes it), never a row without its file. Everything goes into a hidden temporary folder
 * renamed at the end, so a backup that stopped half-way is never listed as one.
 */
export async function createBackup(
  options: BackupOptions = {},
): Promise<{ dir: string; manifest: Manifest }> {
  const root = options.root ?? backupRoot();
  const now = options.now ?? new Date();
  const sources = options.sources ?? backupSources();
  const name = backupName(now);
  fs.mkdirSync(root, { recursive: true });
  const final = path.join(root, name);
  if (fs.existsSync(final)) throw new Error(`backup ${final} already exists`);
  const temp = path.join(root, `.tmp-${name}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(temp);
  try {
    const engine = engineAt(sources.database);
    const copy = path.join(temp, databaseFileOf(engine));
    let summary;
    if (engine === 'postgres') summary = await dumpPgDatabase(sources.database, copy);
    else {
      await copyDatabase(sources.database, copy);
      summary = summarizeDatabase(copy);
    }
    const folders = FOLDERS.filter((folder) => fs.existsSync(sources[folder]));
    for (const folder of folders) copyFolder(sources[folder], path.join(temp, folder));
    if (fs.existsSync(sources.secret))
      fs.copyFileSync(sources.secret, path.join(temp, SECRET_FILE));
    const files = [];
    for (const rel of listFiles(temp)) {
      const file = path.join(temp, rel);
      files.push({ path: rel, size: fs.statSync(file).size, sha256: await sha256Of(file) });
    }
    const manifest: Manifest = {
      format: 1,
      engine,
      created_at: now.toISOString(),
      schema_migration: summary.migration,
      case_count: summary.cases,
      event_count: summary.events,
      folders,
      files,
    };
    fs.writeFileSync(path.join(temp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(temp, final);
    return { dir: final, manifest };
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/** The complete backups in `root`, oldest first (temporary folders are not backups). */
export function listBackups(root: string = backupRoot()): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((name) => NAME.test(name) && fs.existsSync(path.join(root, name, MANIFEST_FILE)))
    .sort()
    .map((name) => path.join(root, name));
}

/** Keeps the newest `keep` backups and removes the rest; returns the folders removed. */
export function pruneBackups(root: string, keep: number): string[] {
  const all = listBackups(root);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const dir of old) fs.rmSync(dir, { recursive: true, force: true });
  return old;
}
