import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { attachments } from '@/db/tables';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { preparedQuery } from '../core/prepared';

const CaseTarget = z.object({ caseId: z.number().int().positive() });

const publicFiles = preparedQuery((db) =>
  db
    .select({
      id: attachments.id,
      eventId: attachments.eventId,
      name: attachments.originalName,
      mimeType: attachments.mimeType,
      sizeBytes: attachments.sizeBytes,
      kind: attachments.kind,
    })
    .from(attachments)
    .where(
      and(eq(attachments.caseId, sql.placeholder('caseId')), eq(attachments.visibility, 'public')),
    )
    .prepare(),
);

/** Public attachments of a case, by the event they came with (never staff-only files). */
export async function publicAttachments(ctx: Ctx, input: { caseId: number }) {
  const { caseId } = parseInput(CaseTarget, input);
  const { actor } = ctx;
  if (actor.role === 'customer' && actor.caseId !== caseId) throw new AppError('FORBIDDEN');
  return await publicFiles(ctx.db).all({ caseId });
}
