import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiKeys, intakeChannels } from '@/db/schema';
import {
  ActiveSchema,
  ApiKeyCreateSchema,
  ChannelCreateSchema,
  RevokeSchema,
} from '@/lib/validation/admin-catalog';
import type { Actor } from '../core/actor';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { createApiKey, type CreatedApiKey } from '../intake/keys';
import { assertAdmin, audit, duplicate } from './catalogues';

/**
 * Intake channels and their API keys (issue 7, item 6). A new key (and its signing secret) is
 * returned once to be shown once; only its hash (and the sealed secret) are stored, and the audit
 * event and every listing carry the prefix only.
 */

export function createChannel(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const data = parseInput(ChannelCreateSchema, input);
  return db.transaction(
    (tx) => {
      const clash = tx
        .select({ id: intakeChannels.id })
        .from(intakeChannels)
        .where(eq(intakeChannels.name, data.name))
        .get();
      if (clash) throw duplicate();
      const row = tx
        .insert(intakeChannels)
        .values({ name: data.name, channel: data.channel, createdAt: now })
        .returning()
        .get();
      audit(tx, actor, 'intake_channel_created', { channelId: row.id, ...data }, now);
      return { id: row.id };
    },
    { behavior: 'immediate' },
  );
}

export function setChannelActive(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const { id, active } = parseInput(ActiveSchema, input);
  return db.transaction(
    (tx) => {
      const row = tx
        .update(intakeChannels)
        .set({ isActive: active })
        .where(eq(intakeChannels.id, id))
        .returning()
        .get();
      if (!row) throw new AppError('NOT_FOUND', 'channel not found');
      audit(tx, actor, 'intake_channel_updated', { channelId: id, isActive: active }, now);
    },
    { behavior: 'immediate' },
  );
}

export function createApiKeyForChannel(
  db: Db,
  actor: Actor,
  input: unknown,
  now = new Date(),
): CreatedApiKey & { prefix: string } {
  assertAdmin(actor);
  const data = parseInput(ApiKeyCreateSchema, input);
  return db.transaction(
    (tx) => {
      const channel = tx
        .select()
        .from(intakeChannels)
        .where(eq(intakeChannels.id, data.channelId))
        .get();
      if (!channel) throw new AppError('NOT_FOUND', 'channel not found');
      const created = createApiKey(tx as unknown as Db, {
        channelId: channel.id,
        name: data.name,
        withSigningSecret: data.withSigningSecret,
        createdById: actor.id,
      });
      const { keyPrefix } = tx
        .select({ keyPrefix: apiKeys.keyPrefix })
        .from(apiKeys)
        .where(eq(apiKeys.id, created.id))
        .get()!;
      tx.update(apiKeys).set({ createdAt: now }).where(eq(apiKeys.id, created.id)).run();
      audit(
        tx,
        actor,
        'api_key_created',
        {
          apiKeyId: created.id,
          channelId: channel.id,
          name: data.name,
          prefix: keyPrefix,
          signed: data.withSigningSecret,
        },
        now,
      );
      return { ...created, prefix: keyPrefix };
    },
    { behavior: 'immediate' },
  );
}

export function revokeApiKey(db: Db, actor: Actor, input: unknown, now = new Date()) {
  assertAdmin(actor);
  const { id } = parseInput(RevokeSchema, input);
  return db.transaction(
    (tx) => {
      const row = tx.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
      if (!row) throw new AppError('NOT_FOUND', 'api key not found');
      if (row.revokedAt) return;
      tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).run();
      audit(tx, actor, 'api_key_revoked', { apiKeyId: id, prefix: row.keyPrefix }, now);
    },
    { behavior: 'immediate' },
  );
}

/** Channels with their keys: prefix and dates only, never anything that would let one call the API. */
export function listChannels(db: Db) {
  const keys = db
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
    .all()
    .map(({ signed, ...k }) => ({ ...k, signed: signed !== null }));
  return db
    .select()
    .from(intakeChannels)
    .orderBy(asc(intakeChannels.name))
    .all()
    .map((c) => ({ ...c, keys: keys.filter((k) => k.channelId === c.id) }));
}
