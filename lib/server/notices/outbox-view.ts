import 'server-only';
import { first } from '@/db/rows';
import { and, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases, outbox } from '@/db/tables';
import { OUTBOX_MEDIA, OUTBOX_STATUSES } from '@/lib/domain/enums';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { withMailBody } from './deferred-mail';

export const OUTBOX_PAGE_SIZE = 50;

/** A status or medium outside the list means "any"; a page out of range is clamped. */
const ListOutboxSchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  medium: z.enum(OUTBOX_MEDIA).optional().catch(undefined),
  page: z.coerce.number().int().catch(1).default(1),
});

/**
 * The delivery log for supervisors and admins (e-mails and webhook POSTs): newest first, optionally
 * by status and medium, each with its attempts and last error.
 */
export async function listOutbox(ctx: Ctx, input: unknown = {}) {
  requireRole(ctx.actor, 'supervision');
  const { status, medium, page: asked } = parseInput(ListOutboxSchema, input);
  const { db } = ctx;
  const where = and(
    status ? eq(outbox.status, status) : undefined,
    medium ? eq(outbox.medium, medium) : undefined,
  );
  const total = (await first(db.select({ n: count() }).from(outbox).where(where)))?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, asked), pageCount);
  const rows = await db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      medium: outbox.medium,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE);
  return { status, medium, rows, total, page, pageCount };
}

const MessageSchema = z.object({ id: z.coerce.number().int().positive() });

/** One outgoing message with the radicado of its case; NOT_FOUND for an unknown or malformed id. */
export async function getOutboxMessage(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'supervision');
  const parsed = MessageSchema.safeParse(input);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'no such message');
  const found = await first(
    ctx.db
      .select({ mail: outbox, radicado: cases.radicado })
      .from(outbox)
      .leftJoin(cases, eq(cases.id, outbox.caseId))
      .where(eq(outbox.id, parsed.data.id)),
  );
  if (!found) throw new AppError('NOT_FOUND', 'no such message');
  // A message queued with its parameters is shown as it is (or will be) sent.
  return { ...found, mail: withMailBody(found.mail) };
}
