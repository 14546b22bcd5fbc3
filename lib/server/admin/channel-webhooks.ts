import 'server-only';
import { first } from '@/db/rows';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { intakeChannels } from '@/db/tables';
import { ChannelIdSchema, ChannelWebhookSchema } from '@/lib/validation/admin-catalog';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { sealSecret } from '../intake/keys';
import { appendAdminEvent } from './admin-event';

/**
 * The webhook of an API channel (issue 12): where the public messages of its cases are POSTed, and
 * the HMAC secret they are signed with. The secret is made here, returned once to be shown once, and
 * stored sealed; the audit event and listings never carry it.
 */

/** `whsec_` + 32 random bytes, base64url: the receiver keys its HMAC check with the whole string. */
function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The URL as the audit log keeps it: no query (it may carry a token of the receiver's). */
function auditUrl(value: string): string {
  const url = new URL(value);
  return `${url.origin}${url.pathname}`;
}

export interface WebhookChange {
  /** The new secret, shown once: set on the first URL and on every rotation, else null. */
  secret: string | null;
}

/**
 * Sets (or changes) a channel's webhook URL. A channel without a secret gets one now; changing the
 * URL of a channel that has one keeps it (the receiver keeps verifying).
 */
export async function setChannelWebhook(ctx: Ctx, input: unknown): Promise<WebhookChange> {
  requireRole(ctx.actor, 'admin');
  const { id, webhookUrl } = parseInput(ChannelWebhookSchema, input);
  return withTransaction(ctx, async (tx) => {
    const channel = await first(
      tx.db.select().from(intakeChannels).where(eq(intakeChannels.id, id)),
    );
    if (!channel) throw new AppError('NOT_FOUND', 'channel not found');
    const secret = channel.webhookSecretSealed ? null : newWebhookSecret();
    await tx.db
      .update(intakeChannels)
      .set({ webhookUrl, ...(secret ? { webhookSecretSealed: sealSecret(secret) } : {}) })
      .where(eq(intakeChannels.id, id));
    await appendAdminEvent(tx, 'intake_channel_webhook_set', {
      channelId: id,
      url: auditUrl(webhookUrl),
      newSecret: secret !== null,
    });
    return { secret };
  });
}

/** A new secret for a channel that has a webhook; the old one stops signing at once. */
export async function rotateChannelWebhookSecret(
  ctx: Ctx,
  input: unknown,
): Promise<{ secret: string }> {
  requireRole(ctx.actor, 'admin');
  const { id } = parseInput(ChannelIdSchema, input);
  return withTransaction(ctx, async (tx) => {
    const channel = await first(
      tx.db.select().from(intakeChannels).where(eq(intakeChannels.id, id)),
    );
    if (!channel) throw new AppError('NOT_FOUND', 'channel not found');
    if (!channel.webhookUrl) {
      throw new AppError('VALIDATION', 'no webhook to rotate', {
        fieldErrors: { webhookUrl: ['required'] },
      });
    }
    const secret = newWebhookSecret();
    await tx.db
      .update(intakeChannels)
      .set({ webhookSecretSealed: sealSecret(secret) })
      .where(eq(intakeChannels.id, id));
    await appendAdminEvent(tx, 'intake_channel_webhook_rotated', { channelId: id });
    return { secret };
  });
}

/**
 * Removes the webhook and its secret. Cases filed through the channel are told by e-mail from now on
 * when they have an address; messages already queued for the webhook fail with that reason.
 */
export async function removeChannelWebhook(ctx: Ctx, input: unknown): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const { id } = parseInput(ChannelIdSchema, input);
  return withTransaction(ctx, async (tx) => {
    const channel = await first(
      tx.db.select().from(intakeChannels).where(eq(intakeChannels.id, id)),
    );
    if (!channel) throw new AppError('NOT_FOUND', 'channel not found');
    if (!channel.webhookUrl && !channel.webhookSecretSealed) return;
    await tx.db
      .update(intakeChannels)
      .set({ webhookUrl: null, webhookSecretSealed: null })
      .where(eq(intakeChannels.id, id));
    await appendAdminEvent(tx, 'intake_channel_webhook_removed', { channelId: id });
  });
}
