import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { attachments, cases } from '@/db/tables';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { canAccessCase } from './case-access';
import { readStoredUpload } from './uploads';

const AttachmentTarget = z.object({
  attachmentId: z.coerce.number().int().positive(),
  /** Staff reach a file through its case: a file of another case under this one is not there. */
  caseId: z.coerce.number().int().positive().optional(),
});

export interface AttachmentFile {
  name: string;
  mimeType: string;
  bytes: Buffer;
}

/**
 * One file of a case, for download. Staff within the case's scope get any of its files (an agent
 * of another team: 403); a petitioner only a public file of the case their session opens —
 * anything else is 404, so a guessed number tells them nothing.
 */
export async function openAttachment(ctx: Ctx, input: unknown): Promise<AttachmentFile> {
  const { attachmentId, caseId } = parseInput(AttachmentTarget, input);
  const { actor } = ctx;
  const row = await first(
    ctx.db
      .select({
        caseId: attachments.caseId,
        name: attachments.originalName,
        storedName: attachments.storedName,
        mimeType: attachments.mimeType,
        visibility: attachments.visibility,
        teamId: cases.teamId,
        assigneeId: cases.assigneeId,
      })
      .from(attachments)
      .innerJoin(cases, eq(cases.id, attachments.caseId))
      .where(eq(attachments.id, attachmentId)),
  );
  if (!row || (caseId !== undefined && row.caseId !== caseId)) {
    throw new AppError('NOT_FOUND', 'attachment not found');
  }
  if (actor.role === 'customer') {
    if (actor.caseId !== row.caseId || row.visibility !== 'public') {
      throw new AppError('NOT_FOUND', 'attachment not found');
    }
  } else if (!canAccessCase(actor, { id: row.caseId, ...row })) {
    throw new AppError('FORBIDDEN', 'not your case');
  }
  return { name: row.name, mimeType: row.mimeType, bytes: readStoredUpload(row.storedName) };
}

/**
 * The file as a download: never shown inline, never sniffed into something else, never cached by a
 * shared cache. The name is given twice: ASCII for old clients, UTF-8 (RFC 6266/5987) for the rest.
 */
export function downloadResponse(file: AttachmentFile): Response {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.mimeType,
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    },
  });
}
