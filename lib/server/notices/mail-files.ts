import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { attachments } from '@/db/schema';
import { isAppError } from '../core/errors';
import { readStoredUpload } from '../cases/uploads';
import { PermanentMailError, type MailAttachment } from './transport';

/**
 * The case files a queued mail carries, read from disk at delivery, in the order queued. A file
 * gone from disk will not come back by retrying: the mail fails with that reason on the log.
 */
export function mailAttachments(db: Conn, ids: readonly number[] | null): MailAttachment[] {
  if (!ids?.length) return [];
  const rows = db
    .select({
      id: attachments.id,
      name: attachments.originalName,
      storedName: attachments.storedName,
      mimeType: attachments.mimeType,
    })
    .from(attachments)
    .where(inArray(attachments.id, [...ids]))
    .all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new PermanentMailError(`attachment ${id} no longer exists`);
    try {
      return {
        filename: row.name,
        content: readStoredUpload(row.storedName),
        contentType: row.mimeType,
      };
    } catch (error) {
      if (isAppError(error)) throw new PermanentMailError(`attachment ${id} missing on disk`);
      throw error;
    }
  });
}
