import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pgAuditChain } from '@/db/pg/audit-log';
import type { PgDb, Queryable } from '@/db/pg/client';
import { compareCounts, copyRows, type CopyProgress } from '@/db/pg/copy';
import { attachments, inboundMail, organization } from '@/db/schema';
import { iterateAuditChain } from '@/db/sql/audit-log';
import { isStoredName } from '../cases/uploads';
import { checkLink } from './audit-verify';

/**
 * Moves a SQLite installation onto PostgreSQL (npm run db:copy): every row in one transaction,
 * then the proof that nothing was lost or changed on the way: each table's count on both sides,
 * the audit chain walked link by link on PostgreSQL and ending on the same hash as SQLite's, and
 * (with a files folder) each stored file copied there and its SHA-256 checked against its record.
 */
export interface FileFolders {
  uploads: string;
  branding: string;
}

/** The folders of a shared files root: what every instance's UPLOAD_DIR and LOGO_DIR become. */
export function sharedFolders(root: string): FileFolders {
  return { uploads: path.join(root, 'uploads'), branding: path.join(root, 'branding') };
}

export interface CopyReport {
  /** False when a check failed: the PostgreSQL transaction was rolled back, nothing written. */
  committed: boolean;
  tables: { table: string; source: number; target: number }[];
  chain: { events: number; intact: boolean; brokenAt: number | null; sameEnd: boolean };
  files: { copied: number; checked: number; problems: string[] } | null;
  ms: number;
}

export function copyVerified(report: Omit<CopyReport, 'committed' | 'ms'>): boolean {
  return (
    report.tables.every((t) => t.source === t.target) &&
    report.chain.intact &&
    report.chain.sameEnd &&
    (report.files === null || report.files.problems.length === 0)
  );
}

/**
 * Copies, then checks inside the PostgreSQL transaction (a failed check rolls it back) and from
 * one SQLite snapshot (a read transaction around it all): what is counted and walked is exactly
 * what was copied, even if something still wrote to the SQLite file meanwhile. Stop the server
 * first all the same: what it wrote after the snapshot would not be in the copy.
 */
export async function copyInstallation(
  source: Db,
  target: PgDb,
  options: {
    /** Where this installation keeps its files: UPLOAD_DIR and LOGO_DIR. */
    from: FileFolders;
    /** The shared folder to copy them into (its uploads/ and branding/), if any. */
    filesTo?: string;
    onProgress?: (p: CopyProgress) => void;
  },
): Promise<CopyReport> {
  const started = Date.now();
  let checked: Omit<CopyReport, 'committed' | 'ms'> | undefined;
  source.$client.exec('BEGIN');
  try {
    const committed = await copyRows(source, target, {
      onProgress: options.onProgress,
      check: async (client) => {
        const tables = await compareCounts(source, client);
        const chain = await checkChain(source, client);
        const files = options.filesTo ? copyFiles(source, options.from, options.filesTo) : null;
        checked = { tables, chain, files };
        return copyVerified(checked);
      },
    });
    return { committed, ...checked!, ms: Date.now() - started };
  } finally {
    source.$client.exec('COMMIT');
  }
}

export async function checkChain(source: Db, target: Queryable): Promise<CopyReport['chain']> {
  let sourceEnd: string | null = null;
  for (const row of iterateAuditChain(source.$client)) sourceEnd = row.hash;
  let previous: string | null = null;
  let events = 0;
  for await (const row of pgAuditChain(target)) {
    events += 1;
    if (checkLink(previous, row))
      return { events, intact: false, brokenAt: row.id, sameEnd: false };
    previous = row.hash;
  }
  return { events, intact: true, brokenAt: null, sameEnd: previous === sourceEnd };
}

/**
 * Copies every file a row points at (attachments, kept originals of inbound mail, the entity's
 * logo) into the shared root's uploads/ and branding/, and checks each attachment's SHA-256 and
 * size against its record. A file missing at the source, or different once copied, is a problem.
 */
function copyFiles(source: Db, from: FileFolders, root: string): NonNullable<CopyReport['files']> {
  const to = sharedFolders(root);
  for (const dir of Object.values(to)) fs.mkdirSync(dir, { recursive: true });
  const problems: string[] = [];
  let copied = 0;
  let checked = 0;
  const uploads = source
    .select({
      name: attachments.storedName,
      sha256: attachments.sha256,
      size: attachments.sizeBytes,
    })
    .from(attachments)
    .all()
    .concat(
      source
        .select({ name: inboundMail.rawStoredName })
        .from(inboundMail)
        .where(isNotNull(inboundMail.rawStoredName))
        .all()
        .map((row) => ({ name: row.name!, sha256: '', size: -1 })),
    )
    .map((file) => ({ ...file, from: from.uploads, to: to.uploads }));
  const logos = source
    .select({ name: organization.logoPath })
    .from(organization)
    .where(isNotNull(organization.logoPath))
    .all()
    .map((row) => ({
      name: row.name!,
      sha256: '',
      size: -1,
      from: from.branding,
      to: to.branding,
    }));
  // An anonymised petitioner's files were removed on purpose (their rows keep a marked name).
  for (const file of [...uploads.filter((f) => isStoredName(f.name)), ...logos]) {
    const origin = path.join(file.from, file.name);
    if (!fs.existsSync(origin)) {
      problems.push(`${file.name}: missing in ${file.from}`);
      continue;
    }
    const destination = path.join(file.to, file.name);
    fs.copyFileSync(origin, destination);
    copied += 1;
    if (!file.sha256) continue;
    const bytes = fs.readFileSync(destination);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== file.sha256 || bytes.length !== file.size)
      problems.push(`${file.name}: its copy does not match its record (SHA-256 or size)`);
    else checked += 1;
  }
  return { copied, checked, problems };
}
