import 'server-only';
import { first } from '@/db/rows';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { cases, interactions } from '@/db/tables';
import type { CaseState } from '@/lib/domain/enums';
import { SYSTEM_ACTOR } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { appendEvent } from '../core/audit';
import { asActor, withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import type { CaseExtras } from '../cases/create-case';
import { recordAttachments } from '../cases/uploads';
import { alertStaff } from '../notices/staff-alerts';

const INTERACTION_KIND = {
  email: 'email',
  api: 'chat',
  chat: 'chat',
  whatsapp: 'chat',
  social: 'chat',
} as const;
const MESSAGE_CHANNELS = Object.keys(INTERACTION_KIND) as (keyof typeof INTERACTION_KIND)[];

const CustomerMessageSchema = z.object({
  caseId: z.number().int().positive(),
  body: z.string(),
  channel: z.enum(MESSAGE_CHANNELS),
});
export type CustomerMessageInput = z.input<typeof CustomerMessageSchema>;

/**
 * A message from the petitioner that reached us outside the portal (a mail reply, a chat message
 * through the intake API). When the case is waiting on them it answers the information request and
 * the legal clock resumes; otherwise it joins the case's public history as an inbound interaction,
 * without changing the state. Either way in one transaction with its audit event. It is relayed by
 * trusted intake code (the system actor; the staff guard admits it), never by the petitioner
 * directly; `extras.attachments` are already checked and stored.
 */
export async function addCustomerMessage(
  ctx: Ctx,
  input: CustomerMessageInput,
  extras: Pick<CaseExtras, 'attachments' | 'alongside'> = {},
): Promise<{ radicado: string; state: CaseState; eventId: number }> {
  requireRole(ctx.actor, 'staff');
  const { caseId, channel, ...message } = parseInput(CustomerMessageSchema, input);
  const { now } = ctx;
  const attachments = extras.attachments ?? [];
  const row = await first(
    ctx.db
      .select({ state: cases.state, radicado: cases.radicado })
      .from(cases)
      .where(eq(cases.id, caseId)),
  );
  if (!row) throw new AppError('NOT_FOUND', 'case not found');
  const body = message.body.trim() || '(sin texto)';
  if (row.state === 'requiere_informacion') {
    const done = await applyCaseAction(
      asActor(ctx, SYSTEM_ACTOR),
      { caseId, action: 'provide_info', body },
      { attachments, alongside: extras.alongside },
    );
    return { radicado: row.radicado, state: done.to, eventId: done.eventId };
  }
  const eventId = await withTransaction(ctx, async ({ db: tx }) => {
    await tx
      .update(cases)
      .set({ version: sql`${cases.version} + 1`, updatedAt: now })
      .where(eq(cases.id, caseId));
    const id = await appendEvent(tx, {
      caseId,
      action: 'customer_message',
      actorRole: 'customer',
      actorId: null,
      fromState: row.state,
      toState: row.state,
      visibility: 'public',
      body,
      data: { channel },
      createdAt: now,
    });
    await tx.insert(interactions).values({
      caseId,
      eventId: id,
      kind: INTERACTION_KIND[channel],
      direction: 'inbound',
      body,
      createdAt: now,
    });
    await recordAttachments(tx, caseId, id, attachments, 'public', now);
    await alertStaff(tx, { kind: 'petitioner_replied', caseId, eventId: id, actorId: null, now });
    await extras.alongside?.(tx, caseId);
    return id;
  });
  return { radicado: row.radicado, state: row.state, eventId };
}
