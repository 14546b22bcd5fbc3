import 'server-only';
import { inArray } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { inSnapshot } from '@/db/client';
import { attachments, inboundMail } from '@/db/tables';
import { isStoredName, uploadDir } from '../cases/uploads';
import type { Ctx } from '../core/context';

/** Longer than any filing or action takes between writing its files and committing their rows. */
export const ORPHAN_GRACE_MS = 60 * 60_000;
const CHUNK = 500;

/**
 * Removes stored files that no attachment row names: what a filing or action left behind when the
 * process died between writing its files and committing (a failure that is caught removes its own,
 * uploads.ts withStoredFiles). Only files older than the grace period, so a write still on its way
 * to commit is never touched. Returns the names removed.
 */
export async function sweepOrphanFiles(ctx: Ctx): Promise<string[]> {
  const dir = uploadDir();
  if (!fs.existsSync(dir)) return [];
  const cutoff = ctx.now.getTime() - ORPHAN_GRACE_MS;
  const candidates = fs
    .readdirSync(dir)
    .filter(isStoredName)
    .filter((name) => fs.statSync(path.join(dir, name)).mtimeMs < cutoff);
  const removed: string[] = [];
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK);
    // Both references in one snapshot: radicating a quarantined message moves its original from
    // its quarantine entry to the case's files in one transaction, and two separate reads could
    // fall on either side of it and see neither.
    const known = await inSnapshot(ctx.db, async (db) => {
      const names = new Set(
        (
          await db
            .select({ name: attachments.storedName })
            .from(attachments)
            .where(inArray(attachments.storedName, chunk))
        ).map((row) => row.name),
      );
      // A quarantined e-mail's original is referenced by its quarantine entry, not by a case.
      for (const row of await db
        .select({ name: inboundMail.rawStoredName })
        .from(inboundMail)
        .where(inArray(inboundMail.rawStoredName, chunk))) {
        if (row.name) names.add(row.name);
      }
      return names;
    });
    for (const name of chunk) {
      if (known.has(name)) continue;
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
