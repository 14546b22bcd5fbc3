import 'server-only';
import { first, one } from '@/db/rows';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiKeys, intakeChannels } from '@/db/tables';
import {
  ActiveSchema,
  ApiKeyCreateSchema,
  ChannelCreateSchema,
  RevokeSchema,
} from '@/lib/validation/admin-catalog';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';
import { createApiKey, type CreatedApiKey } from '../intake/keys';
import { duplicate } from './catalogues';

/**
 * Intake channels and their API keys (issue 7, item 6). A new key (and its signing secret) is
 * returned once to be shown once; only its hash (and the sealed secret) are stored, and the audit
 * event and every listing carry the prefix only.
 */

export async function createChannel(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(ChannelCreateSchema, input);
  return withTransaction(ctx, async (tx) => {
    const clash = await first(
      tx.db
        .select({ id: intakeChannels.id })
        .from(intakeChannels)
        .where(eq(intakeChannels.name, data.name)),
    );
    if (clash) throw duplicate();
    const row = await one(
      tx.db
        .insert(intakeChannels)
        .values({ name: data.name, channel: data.channel, createdAt: tx.now })
        .returning(),
    );
    await appendAdminEvent(tx, 'intake_channel_created', { channelId: row.id, ...data });
    return { id: row.id };
  });
}

export async function setChannelActive(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { id, active } = parseInput(ActiveSchema, input);
  return withTransaction(ctx, async (tx) => {
    const row = await first(
      tx.db
        .update(intakeChannels)
        .set({ isActive: active })
        .where(eq(intakeChannels.id, id))
        .returning(),
    );
    if (!row) throw new AppError('NOT_FOUND', 'channel not found');
    await appendAdminEvent(tx, 'intake_channel_updated', { channelId: id, isActive: active });
  });
}

export async function createApiKeyForChannel(
  ctx: Ctx,
  input: unknown,
): Promise<CreatedApiKey & { prefix: string }> {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(ApiKeyCreateSchema, input);
  return withTransaction(ctx, async (tx) => {
    const channel = await first(
      tx.db.select().from(intakeChannels).where(eq(intakeChannels.id, data.channelId)),
    );
    if (!channel) throw new AppError('NOT_FOUND', 'channel not found');
    // intake/keys.ts `createApiKey` only inserts, but still types its handle as `Db` (another area).
    const created = await createApiKey(tx.db as Db, {
      channelId: channel.id,
      name: data.name,
      withSigningSecret: data.withSigningSecret,
      createdById: tx.actor.id,
    });
    const { keyPrefix } = (await first(
      tx.db
        .select({ keyPrefix: apiKeys.keyPrefix })
        .from(apiKeys)
        .where(eq(apiKeys.id, created.id)),
    ))!;
    await tx.db.update(apiKeys).set({ createdAt: tx.now }).where(eq(apiKeys.id, created.id));
    await appendAdminEvent(tx, 'api_key_created', {
      apiKeyId: created.id,
      channelId: channel.id,
      name: data.name,
      prefix: keyPrefix,
      signed: data.withSigningSecret,
    });
    return { ...created, prefix: keyPrefix };
  });
}

export async function revokeApiKey(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { id } = parseInput(RevokeSchema, input);
  return withTransaction(ctx, async (tx) => {
    const row = await first(tx.db.select().from(apiKeys).where(eq(apiKeys.id, id)));
    if (!row) throw new AppError('NOT_FOUND', 'api key not found');
    if (row.revokedAt) return;
    await tx.db.update(apiKeys).set({ revokedAt: tx.now }).where(eq(apiKeys.id, id));
    await appendAdminEvent(tx, 'api_key_revoked', { apiKeyId: id, prefix: row.keyPrefix });
  });
}

/**
 * Channels with their keys and webhook URL: prefix and dates only, never anything that would let one
 * call the API or sign as us (the webhook secret is only said to exist).
 */
export async function listChannels(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  const { db } = ctx;
  const keys = (
    await db
      .select({
        id: apiKeys.id,
        channelId: apiKeys.channelId,
        name: apiKeys.name,
        prefix: apiKeys.keyPrefix,
        signed: apiKeys.signingSecretSealed,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .orderBy(asc(apiKeys.id))
  ).map(({ signed, ...k }) => ({ ...k, signed: signed !== null }));
  return (await db.select().from(intakeChannels).orderBy(asc(intakeChannels.name))).map(
    ({ webhookSecretSealed, ...c }) => ({
      ...c,
      hasWebhookSecret: webhookSecretSealed !== null,
      keys: keys.filter((k) => k.channelId === c.id),
    }),
  );
}
