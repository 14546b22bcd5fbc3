import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databaseInUse, removeDatabaseFiles, summarizeDatabase } from '@/db/backup';
import { closeDatabase, openDb, type Conn } from '@/db/client';
import { engineAt } from '@/db/engine';
import { closePg, openPg } from '@/db/pg/client';
import { otherSessions, restorePgDump, summarizePgDatabase } from '@/db/pg/backup';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { verifyAuditChain, type ChainReport } from './audit-verify';
import {
  backupSources,
  copyFolder,
  databaseFileOf,
  FOLDERS,
  listFiles,
  MANIFEST_FILE,
  ManifestSchema,
  SECRET_FILE,
  sha256Of,
  type BackupSources,
  type Manifest,
} from './backup';

/**
 * Checks a backup against its manifest: every listed file present with its size and SHA-256, no
 * file the manifest does not list, the database among them. Returns the manifest and each problem.
 */
export async function checkBackup(
  dir: string,
): Promise<{ manifest: Manifest | null; problems: string[] }> {
  const manifestFile = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestFile)) return { manifest: null, problems: [`no ${MANIFEST_FILE}`] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {
    return { manifest: null, problems: [`${MANIFEST_FILE} is not JSON`] };
  }
  const result = ManifestSchema.safeParse(parsed);
  if (!result.success) {
    return {
      manifest: null,
      problems: result.error.issues.map((i) => `manifest ${i.path.join('.')}: ${i.message}`),
    };
  }
  const manifest = result.data;
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  const databaseFile = databaseFileOf(manifest.engine);
  if (!listed.has(databaseFile)) problems.push(`${databaseFile} is not in the manifest`);
  for (const rel of listFiles(dir)) {
    if (rel !== MANIFEST_FILE && !listed.has(rel)) problems.push(`${rel}: not in the manifest`);
  }
  for (const entry of manifest.files) {
    const file = path.join(dir, entry.path);
    if (!fs.existsSync(file)) {
      problems.push(`${entry.path}: missing`);
      continue;
    }
    const size = fs.statSync(file).size;
    if (size !== entry.size)
      problems.push(`${entry.path}: ${size} bytes, manifest says ${entry.size}`);
    else if ((await sha256Of(file)) !== entry.sha256)
      problems.push(`${entry.path}: checksum differs`);
  }
  return { manifest, problems };
}

export type RestoreOutcome =
  | { restored: false; problems: string[] }
  | {
      restored: true;
      manifest: Manifest;
      /** The audit-chain verify of the restored database. */
      chain: ChainReport;
      cases: number;
      /** Empty when the restored copy matches the manifest and its chain is intact. */
      problems: string[];
    };

/** Replaces `target` (a folder) with a copy of `from` (or an empty folder), via a side name. */
function replaceFolder(from: string | null, target: string): void {
  const side = `${target}.restoring-${crypto.randomBytes(3).toString('hex')}`;
  if (from) copyFolder(from, side);
  else fs.mkdirSync(side, { recursive: true });
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(side, target);
}

/** A database's name for messages: the file, or the URL without its password. */
function describe(database: string): string {
  if (engineAt(database) === 'sqlite') return database;
  const url = new URL(database);
  url.password = '';
  return url.toString();
}

/**
 * True when other sessions hold the PostgreSQL database: a server's pool. A server that has just
 * stopped takes a moment to leave pg_stat_activity, so they get a second to go.
 */
async function pgSessionsStay(url: string): Promise<boolean> {
  for (let wait = 0; wait < 10; wait++) {
    if ((await otherSessions(url)) === 0) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** The audit chain of the restored database, verified on a connection of its own (migrated). */
async function verifyRestored(database: string): Promise<ChainReport> {
  if (engineAt(database) === 'postgres') {
    const pool = await openPg(database);
    try {
      return await verifyAuditChain(makeCtx(pool as unknown as Conn, SYSTEM_ACTOR));
    } finally {
      await closePg(pool);
    }
  }
  const db = openDb(database);
  try {
    return await verifyAuditChain(makeCtx(db, SYSTEM_ACTOR));
  } finally {
    closeDatabase(db);
  }
}

/**
 * Brings a backup back over an installation: refuses a backup that does not match its manifest,
 * and a database another process has open (stop the server first; `force` overrides), then
 * replaces the database (its -wal and -shm removed) and the folders, migrates the copy if it is
 * older, and verifies the audit chain and the case count of what it restored.
 */
export async function restoreBackup(
  dir: string,
  options: { sources?: BackupSources; force?: boolean } = {},
): Promise<RestoreOutcome> {
  const sources = options.sources ?? backupSources();
  const { manifest, problems } = await checkBackup(dir);
  if (!manifest || problems.length > 0) return { restored: false, problems };
  const engine = engineAt(sources.database);
  if (manifest.engine !== engine) {
    return {
      restored: false,
      problems: [
        `a backup of ${manifest.engine} restores onto ${manifest.engine}; this installation is on ${engine} (restore it onto ${manifest.engine}, then move it with npm run db:copy)`,
      ],
    };
  }
  const inUse =
    engine === 'postgres'
      ? await pgSessionsStay(sources.database)
      : databaseInUse(sources.database);
  if (!options.force && inUse) {
    return {
      restored: false,
      problems: [`${describe(sources.database)} is open in another process: stop the server first`],
    };
  }

  const copy = path.join(dir, databaseFileOf(engine));
  if (engine === 'postgres') {
    // A database older than the backup gets its schema from the dump itself (--clean re-creates it).
    await restorePgDump(sources.database, copy);
  } else {
    const incoming = `${sources.database}.restoring`;
    fs.mkdirSync(path.dirname(sources.database), { recursive: true });
    fs.copyFileSync(copy, incoming);
    removeDatabaseFiles(sources.database);
    fs.renameSync(incoming, sources.database);
  }
  for (const folder of FOLDERS) {
    replaceFolder(
      manifest.folders.includes(folder) ? path.join(dir, folder) : null,
      sources[folder],
    );
  }
  if (fs.existsSync(path.join(dir, SECRET_FILE))) {
    fs.copyFileSync(path.join(dir, SECRET_FILE), sources.secret);
    fs.chmodSync(sources.secret, 0o600);
  }

  // Opening migrates a copy taken before the last migration; then the chain and the count.
  const chain = await verifyRestored(sources.database);
  const { cases } =
    engine === 'postgres'
      ? await summarizePgDatabase(sources.database)
      : summarizeDatabase(sources.database);
  const after: string[] = [];
  if (!chain.intact) after.push(`audit chain broken at event ${chain.eventId} (${chain.kind})`);
  if (cases !== manifest.case_count) {
    after.push(`${cases} cases restored, manifest says ${manifest.case_count}`);
  }
  return { restored: true, manifest, chain, cases, problems: after };
}
