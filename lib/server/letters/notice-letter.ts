import 'server-only';
import { first } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases, outbox } from '@/db/tables';
import { startOfLocalDay, toLocalDate } from '@/lib/domain/calendar';
import { id } from '@/lib/validation/fields';
import { LetterPostingSchema } from '@/lib/validation/postal-delivery';
import { canAccessCase } from '../cases/case-access';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { markSent } from '../notices/sender';
import { buildNoticeLetter } from './letter-model';
import { answerLetterPdf } from './prepare-answer-letter';

const LetterTarget = z.object({ caseId: id, outboxId: id });
const NOON_MS = 12 * 3_600_000;

/** The letter row of a postal notice, for staff within the case's scope (404 / 403 otherwise). */
async function letterRow(ctx: Ctx, caseId: number, outboxId: number) {
  const found = await first(
    ctx.db
      .select({ mail: outbox, kase: cases })
      .from(outbox)
      .innerJoin(cases, eq(cases.id, outbox.caseId))
      .where(and(eq(outbox.id, outboxId), eq(outbox.caseId, caseId), eq(outbox.medium, 'letter'))),
  );
  if (!found) throw new AppError('NOT_FOUND', 'no such letter');
  if (!canAccessCase(ctx.actor, found.kase)) throw new AppError('FORBIDDEN', 'not your case');
  return found;
}

/** A notice owed by post as the PDF letter staff print: dated the day it was queued. */
export async function noticeLetterPdf(
  ctx: Ctx,
  input: unknown,
): Promise<{ name: string; bytes: Uint8Array }> {
  requireRole(ctx.actor, 'staff');
  const { caseId, outboxId } = parseInput(LetterTarget, input);
  const { mail, kase } = await letterRow(ctx, caseId, outboxId);
  const letter = await buildNoticeLetter(ctx.db, {
    row: kase,
    outboxId,
    title: mail.subject,
    text: mail.bodyText,
    org: await getOrganization(ctx.db),
    now: mail.createdAt,
  });
  return { name: letter.fileName, bytes: await answerLetterPdf(ctx, letter) };
}

/**
 * Records the day a notice letter was handed to the post: the message is then sent, on that day
 * (not in the future, not before it was queued; both as local dates). Recording again corrects it.
 */
export async function recordLetterPosting(ctx: Ctx, input: unknown): Promise<{ sentAt: Date }> {
  requireRole(ctx.actor, 'staff');
  const { caseId, outboxId, postedOn } = parseInput(LetterPostingSchema, input);
  return withTransaction(ctx, async (tx) => {
    const { mail } = await letterRow(tx, caseId, outboxId);
    const { timeZone } = await getOrganization(tx.db);
    const fail = (key: string) =>
      new AppError('VALIDATION', key, { fieldErrors: { postedOn: [key] } });
    if (postedOn > toLocalDate(tx.now, timeZone)) throw fail('postedInFuture');
    if (postedOn < toLocalDate(mail.createdAt, timeZone)) throw fail('postedBeforeLetter');
    const noon = startOfLocalDay(postedOn, timeZone).getTime() + NOON_MS;
    const sentAt = new Date(Math.min(Math.max(noon, mail.createdAt.getTime()), tx.now.getTime()));
    // Posting again corrects the day, and with it the answer's delivery when the letter carries it.
    await markSent(tx.db, mail, sentAt, { correct: true });
    return { sentAt };
  });
}
