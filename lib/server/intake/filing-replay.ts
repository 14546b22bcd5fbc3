import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases, filingSubmissions } from '@/db/tables';
import { withTransaction, type Ctx } from '../core/context';
import { parseInput } from '../core/parse';
import { generateAccessCode, hashSecret } from '../core/secrets';

/** One press of the send button, as the form names it (use-form-action `newSubmissionId`). */
const SubmissionSchema = z.object({
  submissionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'invalid' })
    .optional(),
});

export function submissionIdOf(input: Record<string, unknown>): string | undefined {
  const value = typeof input.submissionId === 'string' ? input.submissionId : undefined;
  return parseInput(SubmissionSchema, { submissionId: value }).submissionId;
}

export interface ReplayedFiling {
  id: number;
  radicado: string;
  /** A new access code for an anonymous case: the first one never reached this browser. */
  accessCode: string | null;
}

/**
 * The case a submission already created, when the same filing arrives again (its answer was lost
 * on the way, and the petitioner pressed send again): the same radicado, no second case. Only the
 * browser that sent it knows the submission's id; for an anonymous case, whose code was in the lost
 * answer, it gets a new one and the old one stops working.
 */
export async function replayedFiling(
  ctx: Ctx,
  submissionId: string,
): Promise<ReplayedFiling | null> {
  const prior = await first(
    ctx.db
      .select({ id: cases.id, radicado: cases.radicado, isAnonymous: cases.isAnonymous })
      .from(filingSubmissions)
      .innerJoin(cases, eq(cases.id, filingSubmissions.caseId))
      .where(eq(filingSubmissions.submissionId, submissionId)),
  );
  if (!prior) return null;
  if (!prior.isAnonymous) return { id: prior.id, radicado: prior.radicado, accessCode: null };
  const accessCode = generateAccessCode();
  await withTransaction(
    ctx,
    async ({ db: tx }) =>
      await tx
        .update(cases)
        .set({ accessCodeHash: hashSecret(accessCode) })
        .where(eq(cases.id, prior.id)),
  );
  return { id: prior.id, radicado: prior.radicado, accessCode };
}
