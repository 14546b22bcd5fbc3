import 'server-only';
import { first } from '@/db/rows';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { attachments, cases } from '@/db/tables';
import { canAccessCase } from '../cases/case-access';
import { readStoredUpload } from '../cases/uploads';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { preparedQuery } from '../core/prepared';

const CaseTarget = z.object({ caseId: z.number().int().positive() });

export interface AnswerLetterFile {
  id: number;
  name: string;
  sizeBytes: number;
  responseMedium: string;
}

const caseIdParam = sql.placeholder('caseId');
const letterCase = preparedQuery((db) =>
  db
    .select({
      id: cases.id,
      teamId: cases.teamId,
      assigneeId: cases.assigneeId,
      responseMedium: cases.responseMedium,
    })
    .from(cases)
    .where(eq(cases.id, caseIdParam))
    .prepare(),
);
const latestLetter = preparedQuery((db) =>
  db
    .select({ id: attachments.id, name: attachments.originalName, size: attachments.sizeBytes })
    .from(attachments)
    .where(
      and(
        eq(attachments.caseId, caseIdParam),
        eq(attachments.kind, 'answer_letter'),
        eq(attachments.visibility, 'public'),
      ),
    )
    .orderBy(desc(attachments.id))
    .limit(1)
    .prepare(),
);

/**
 * The case's latest answer letter (a reopened case answered again has one per answer), for staff
 * in scope and for the petitioner of that case; null before the first answer.
 */
export async function answerLetterOf(
  ctx: Ctx,
  input: { caseId: number },
): Promise<AnswerLetterFile | null> {
  const target = parseInput(CaseTarget, input);
  const row = await letterCase(ctx.db).get(target);
  if (!row) throw new AppError('NOT_FOUND', 'case not found');
  if (!canAccessCase(ctx.actor, row)) throw new AppError('FORBIDDEN', 'not your case');
  const letter = await latestLetter(ctx.db).get(target);
  return Promise.resolve(
    letter
      ? {
          id: letter.id,
          name: letter.name,
          sizeBytes: letter.size,
          responseMedium: row.responseMedium,
        }
      : null,
  );
}

/** The latest letter's bytes, for printing (staff: same checks as above). */
export async function answerLetterBytes(
  ctx: Ctx,
  input: { caseId: number },
): Promise<{ name: string; bytes: Buffer }> {
  const letter = await answerLetterOf(ctx, input);
  if (!letter) throw new AppError('NOT_FOUND', 'no answer letter');
  const stored = await first(
    ctx.db
      .select({ storedName: attachments.storedName })
      .from(attachments)
      .where(eq(attachments.id, letter.id)),
  );
  if (!stored) throw new AppError('NOT_FOUND', 'no answer letter');
  return { name: letter.name, bytes: readStoredUpload(stored.storedName) };
}
