import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, intakeChannels } from '@/db/tables';
import { attachmentsInOrder } from '../cases/attachment-rows';
import type { Locale } from '@/lib/domain/enums';

import type { WebhookMessage } from '@/lib/validation/intake-api';
import { signedAttachmentUrl } from '../portal/portal-access';
import { plainTextOf, type MailBlock } from './layout';
import { enqueueMail, messageIdFor } from './outbox';

/** The event id a receiver de-duplicates on: the outbox Message-ID without its angle brackets. */
export function webhookEventId(messageId: string): string {
  return messageId.replace(/^<|>$/g, '');
}

/** The case's API channel and its webhook URL, when it has one. */
async function channelWebhook(
  tx: Conn,
  caseId: number,
): Promise<{ channelId: number; url: string } | null> {
  const row = await first(
    tx
      .select({ channelId: intakeChannels.id, url: intakeChannels.webhookUrl })
      .from(cases)
      .innerJoin(intakeChannels, eq(intakeChannels.id, cases.intakeChannelId))
      .where(eq(cases.id, caseId)),
  );
  return row?.url ? { channelId: row.channelId, url: row.url } : null;
}

async function attachmentLinks(
  tx: Conn,
  target: { caseId: number; radicado: string },
  ids: readonly number[] | undefined,
  now: Date,
) {
  return (await attachmentsInOrder(tx, ids)).map((a) => ({
    name: a.name,
    size: a.sizeBytes,
    type: a.mimeType,
    url: signedAttachmentUrl(target.caseId, target.radicado, a.id, now),
  }));
}

/**
 * Queues a case notice for the case's API channel webhook (issue 12): the JSON it will POST is the
 * row's text, the URL its address, one row per `dedupeKey` like an e-mail. Null when the case's
 * channel has no webhook (any more): the caller falls back to e-mail.
 */
export async function enqueueWebhookNotice(
  tx: Conn,
  target: { caseId: number; kind: string; locale: Locale; radicado: string },
  message: { subject: string; blocks: readonly MailBlock[]; accessUrl: string },
  options: { now: Date; dedupeKey: string; attachmentIds?: readonly number[] },
): Promise<number | null> {
  const hook = await channelWebhook(tx, target.caseId);
  if (!hook) return null;
  const payload: WebhookMessage = {
    messageId: webhookEventId(messageIdFor(options.dedupeKey)),
    radicado: target.radicado,
    kind: target.kind,
    subject: message.subject,
    text: plainTextOf(message.blocks),
    locale: target.locale,
    createdAt: options.now.toISOString(),
    accessUrl: message.accessUrl,
    attachments: await attachmentLinks(tx, target, options.attachmentIds, options.now),
  };
  return await enqueueMail(tx, {
    kind: target.kind,
    caseId: target.caseId,
    medium: 'webhook',
    channelId: hook.channelId,
    to: hook.url,
    subject: message.subject,
    text: JSON.stringify(payload),
    html: null,
    locale: target.locale,
    now: options.now,
    dedupeKey: options.dedupeKey,
    attachmentIds: options.attachmentIds,
  });
}
