import 'server-only';
import type { Conn } from '@/db/client';
import { isAppError } from '../core/errors';
import { attachmentsInOrder } from '../cases/attachment-rows';
import { readStoredUpload } from '../cases/uploads';
import { PermanentMailError, type MailAttachment } from './transport';

/**
 * The case files a queued mail carries, read from disk at delivery, in the order queued. A file
 * gone from disk will not come back by retrying: the mail fails with that reason on the log.
 */
export async function mailAttachments(
  db: Conn,
  ids: readonly number[] | null,
): Promise<MailAttachment[]> {
  const rows = await attachmentsInOrder(db, ids);
  const missing = ids?.find((id) => !rows.some((row) => row.id === id));
  if (missing !== undefined) throw new PermanentMailError(`attachment ${missing} no longer exists`);
  return rows.map((row) => {
    try {
      return {
        filename: row.name,
        content: readStoredUpload(row.storedName),
        contentType: row.mimeType,
      };
    } catch (error) {
      if (isAppError(error)) throw new PermanentMailError(`attachment ${row.id} missing on disk`);
      throw error;
    }
  });
}

export interface CaseFile {
  id: number;
  name: string;
  sizeBytes: number;
}

/** Files go attached in order while their total fits the mail budget; the rest are linked. */
export function splitForMail(files: readonly CaseFile[], maxBytes: number) {
  const attached: CaseFile[] = [];
  const linked: CaseFile[] = [];
  let total = 0;
  for (const file of files) {
    if (linked.length === 0 && total + file.sizeBytes <= maxBytes) {
      attached.push(file);
      total += file.sizeBytes;
    } else linked.push(file);
  }
  return { attached, linked };
}
