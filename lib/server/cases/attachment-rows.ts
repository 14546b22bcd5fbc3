import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { attachments } from '@/db/tables';

export interface AttachmentRow {
  id: number;
  name: string;
  storedName: string;
  mimeType: string;
  sizeBytes: number;
}

/**
 * The files a message carries (outbox.attachment_ids), in the order given, in one query; ids that
 * name no file are left out (the caller decides whether that is an error).
 */
export async function attachmentsInOrder(
  tx: Conn,
  ids: readonly number[] | null | undefined,
): Promise<AttachmentRow[]> {
  if (!ids?.length) return [];
  const rows = await tx
    .select({
      id: attachments.id,
      name: attachments.originalName,
      storedName: attachments.storedName,
      mimeType: attachments.mimeType,
      sizeBytes: attachments.sizeBytes,
    })
    .from(attachments)
    .where(inArray(attachments.id, [...ids]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
