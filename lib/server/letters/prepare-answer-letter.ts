import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { cases } from '@/db/tables';
import type { Decision } from '@/lib/domain/enums';
import { AnswerPreviewSchema } from '@/lib/validation/answer-preview';
import { readOrganizationLogo } from '../admin/organization-logo';
import { canAccessCase } from '../cases/case-access';
import { checkUploads, storeUploads, type StoredUpload } from '../cases/uploads';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { renderAnswerLetter } from './answer-letter';
import { buildAnswerLetter, type AnswerLetter } from './letter-model';

interface LetterRequest {
  decision: Decision;
  body: string;
}

/** The letter for one case as `ctx.actor` would sign it now, or null when the case is not theirs. */
async function letterFor(
  ctx: Ctx,
  caseId: number,
  request: LetterRequest,
): Promise<AnswerLetter | null> {
  const row = await first(ctx.db.select().from(cases).where(eq(cases.id, caseId)));
  if (!row || !canAccessCase(ctx.actor, row)) return null;
  return await buildAnswerLetter(ctx.db, {
    row,
    decision: request.decision,
    body: request.body,
    signer: ctx.actor,
    org: await getOrganization(ctx.db),
    now: ctx.now,
  });
}

/** The letter's PDF bytes, with the organisation's logo when one is set. */
export async function answerLetterPdf(ctx: Ctx, letter: AnswerLetter): Promise<Uint8Array> {
  const logo = letter.org.hasLogo ? await readOrganizationLogo(ctx) : null;
  return renderAnswerLetter(letter, { now: ctx.now, logo });
}

/**
 * Renders and writes the answer letter before the answer's transaction (rendering is async; the
 * transaction is not). The caller records `stored` with the answer event and runs `discard()` if
 * that transaction fails. Null when there is nothing to write: the verb then refuses on its own.
 */
export async function prepareAnswerLetter(
  ctx: Ctx,
  caseId: number,
  request: LetterRequest,
): Promise<{ stored: StoredUpload[]; discard: () => void } | null> {
  const letter = await letterFor(ctx, caseId, request);
  if (!letter) return null;
  const bytes = await answerLetterPdf(ctx, letter);
  return storeUploads(await checkUploads([{ name: letter.fileName, bytes }]));
}

/**
 * The answer letter as it would go out, for the agent to read before confirming: staff only, the
 * case must be in their scope, nothing is written.
 */
export async function previewAnswerLetter(ctx: Ctx, input: unknown): Promise<AnswerLetter> {
  requireRole(ctx.actor, 'staff');
  const { caseId, ...request } = parseInput(AnswerPreviewSchema, input);
  const letter = await letterFor(ctx, caseId, request);
  if (!letter) throw new AppError('NOT_FOUND', 'case not found');
  return Promise.resolve(letter);
}
