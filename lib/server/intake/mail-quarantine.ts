import 'server-only';
import { first } from '@/db/rows';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, count, desc, eq } from 'drizzle-orm';
import { inboundMail, mailboxes } from '@/db/tables';
import { MailboxIdSchema } from '@/lib/validation/mailbox';
import { atTime, withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from '../admin/admin-event';
import { readStoredUpload, uploadDir } from '../cases/uploads';
import { radicate, type MailArrival } from './mail-inbound';
import { ORIGINAL_NAME } from './mail-original';
import { readMail } from './mail-read';

/**
 * The quarantine (issue 19 §3): e-mail that is clearly not a petition (a bounce, an auto-reply,
 * spam the server flagged) or has nobody to answer, kept whole with the reason, until a supervisor
 * radicates it (its term counted from its arrival) or discards it, each with one click.
 */
const QUARANTINE_PAGE = 200;

export async function listQuarantine(ctx: Ctx) {
  requireRole(ctx.actor, 'supervision');
  return await ctx.db
    .select({
      id: inboundMail.id,
      source: inboundMail.source,
      mailboxName: mailboxes.name,
      fromAddress: inboundMail.fromAddress,
      subject: inboundMail.subject,
      receivedAt: inboundMail.receivedAt,
      sizeBytes: inboundMail.sizeBytes,
      reason: inboundMail.reason,
    })
    .from(inboundMail)
    .leftJoin(mailboxes, eq(mailboxes.id, inboundMail.mailboxId))
    .where(eq(inboundMail.outcome, 'quarantined'))
    .orderBy(desc(inboundMail.receivedAt), desc(inboundMail.id))
    .limit(QUARANTINE_PAGE);
}
export type QuarantineEntry = Awaited<ReturnType<typeof listQuarantine>>[number];

async function quarantined(ctx: Ctx, id: number) {
  const row = await first(
    ctx.db
      .select()
      .from(inboundMail)
      .where(and(eq(inboundMail.id, id), eq(inboundMail.outcome, 'quarantined'))),
  );
  if (!row) throw new AppError('NOT_FOUND', 'not in quarantine');
  return row;
}

/** Radicates a quarantined message as if it had come in as a petition, at its arrival time. */
export async function radicateQuarantined(
  ctx: Ctx,
  input: unknown,
): Promise<{ caseId: number; radicado: string }> {
  requireRole(ctx.actor, 'supervision');
  const staffId = ctx.actor.role === 'system' ? null : ctx.actor.id;
  const { id } = parseInput(MailboxIdSchema, input);
  const row = await quarantined(ctx, id);
  if (!row.rawStoredName) throw new AppError('NOT_FOUND', 'original missing');
  const raw = readStoredUpload(row.rawStoredName);
  const read = await readMail(raw);
  if (!read.sender) {
    throw new AppError('CONFLICT', 'no sender', { detail: { guard: 'quarantineNoSender' } });
  }
  const arrival: MailArrival = {
    source: row.source,
    receivedAt: row.receivedAt,
    sizeBytes: row.sizeBytes,
    original: {
      stored: {
        storedName: row.rawStoredName,
        originalName: ORIGINAL_NAME,
        mimeType: 'message/rfc822',
        sizeBytes: raw.byteLength,
        sha256: createHash('sha256').update(raw).digest('hex'),
      },
      discard: () => {},
    },
  };
  const done = await radicate(
    atTime(ctx, row.receivedAt),
    raw,
    { ...read, quarantine: null },
    arrival,
    {
      entryId: row.id,
      staffId,
      reviewedAt: ctx.now,
    },
  );
  await withTransaction(ctx, async (tx) => {
    await appendAdminEvent(tx, 'quarantine_radicated', {
      inboundMailId: row.id,
      reason: row.reason,
      caseId: done.caseId,
      radicado: done.radicado,
    });
  });
  return { caseId: done.caseId, radicado: done.radicado };
}

/** Discards a quarantined message: its record stays (who, when, why), its content is deleted. */
export async function discardQuarantined(ctx: Ctx, input: unknown): Promise<void> {
  requireRole(ctx.actor, 'supervision');
  const staffId = ctx.actor.role === 'system' ? null : ctx.actor.id;
  const { id } = parseInput(MailboxIdSchema, input);
  const row = await quarantined(ctx, id);
  await withTransaction(ctx, async (tx) => {
    await tx.db
      .update(inboundMail)
      .set({ outcome: 'discarded', rawStoredName: null, reviewedById: staffId, reviewedAt: tx.now })
      .where(eq(inboundMail.id, id));
    await appendAdminEvent(tx, 'quarantine_discarded', { inboundMailId: id, reason: row.reason });
  });
  if (row.rawStoredName) fs.rmSync(path.join(uploadDir(), row.rawStoredName), { force: true });
}

/** A quarantined message's original, for the supervisor deciding about it (a download). */
export async function quarantinedOriginal(ctx: Ctx, input: unknown): Promise<Buffer> {
  requireRole(ctx.actor, 'supervision');
  const { id } = parseInput(MailboxIdSchema, input);
  const row = await quarantined(ctx, id);
  if (!row.rawStoredName) throw new AppError('NOT_FOUND', 'original missing');
  return readStoredUpload(row.rawStoredName);
}

/** How many messages wait for a decision (the mail log links to them). */
export async function quarantineCount(ctx: Ctx): Promise<number> {
  requireRole(ctx.actor, 'supervision');
  return (await first(
    ctx.db.select({ n: count() }).from(inboundMail).where(eq(inboundMail.outcome, 'quarantined')),
  ))!.n;
}
