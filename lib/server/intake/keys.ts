import 'server-only';
import { first, one } from '@/db/rows';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { apiKeys, intakeChannels } from '@/db/tables';
import type { Channel } from '@/lib/domain/enums';
import { portalSecret } from '../portal/portal-access';
import { preparedQuery } from '../core/prepared';

/** `vnt_<8-char prefix>_<32-char secret>`: the prefix finds the row, the whole key is checked by hash. */
const KEY_PATTERN = /^vnt_([A-Za-z0-9]{8})_([A-Za-z0-9]{32})$/;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length)) {
      if (b < 248 && out.length < length) out += BASE62[b % 62];
    }
  }
  return out;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The key that seals signing secrets: derived from the app secret, for this purpose only; derived
 * once per app secret, not on every request.
 */
let sealing: { secret: string; key: Buffer } | undefined;

function sealingKey(): Buffer {
  const secret = portalSecret();
  if (sealing?.secret !== secret) {
    const key = Buffer.from(hkdfSync('sha256', secret, 'ventanilla', 'api-signing-secret.v1', 32));
    sealing = { secret, key };
    opened.clear();
  }
  return sealing.key;
}

/** AES-256-GCM: `iv.tag.ciphertext`, base64url. */
export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** Signing secrets already opened, by their sealed form (cleared when the app secret changes). */
const opened = new Map<string, string>();
const OPENED_LIMIT = 1000;

export function unsealSecret(sealed: string): string {
  const key = sealingKey();
  const known = opened.get(sealed);
  if (known !== undefined) return known;
  const secret = openSealed(sealed, key);
  if (opened.size >= OPENED_LIMIT) opened.clear();
  opened.set(sealed, secret);
  return secret;
}

function openSealed(sealed: string, key: Buffer): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) throw new Error('sealed secret malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

export interface CreatedApiKey {
  id: number;
  /** Shown once; only its hash is stored. */
  key: string;
  /** Shown once when requested; stored sealed (the server needs it to check signatures). */
  signingSecret: string | null;
}

/** An intake channel (WhatsApp line, chat widget, CRM …) by name, created on first use. */
export async function ensureIntakeChannel(
  db: Conn,
  name: string,
  channel: Channel,
): Promise<number> {
  const existing = await first(
    db.select({ id: intakeChannels.id }).from(intakeChannels).where(eq(intakeChannels.name, name)),
  );
  if (existing) return existing.id;
  return (await one(db.insert(intakeChannels).values({ name, channel }).returning())).id;
}

export async function createApiKey(
  db: Conn,
  input: {
    channelId: number;
    name: string;
    withSigningSecret: boolean;
    createdById?: number | null;
  },
): Promise<CreatedApiKey> {
  const prefix = randomText(8);
  const key = `vnt_${prefix}_${randomText(32)}`;
  const signingSecret = input.withSigningSecret ? `whsec_${randomText(40)}` : null;
  const row = await one(
    db
      .insert(apiKeys)
      .values({
        channelId: input.channelId,
        name: input.name,
        keyPrefix: prefix,
        keyHash: sha256(key),
        signingSecretSealed: signingSecret ? sealSecret(signingSecret) : null,
        createdById: input.createdById ?? null,
      })
      .returning({ id: apiKeys.id }),
  );
  return { id: row.id, key, signingSecret };
}

export interface ApiCaller {
  keyId: number;
  channelId: number;
  channel: Channel;
  signingSecret: string | null;
  /** The channel has a webhook: its cases are answered through it (responseMedium 'api'). */
  hasWebhook: boolean;
}

/** How fresh a key's `lastUsedAt` is kept. */
export const LAST_USED_PRECISION_MS = 60_000;

// Every API request looks its key up: built once per connection.
const keyByPrefix = preparedQuery((db) =>
  db
    .select({
      id: apiKeys.id,
      keyHash: apiKeys.keyHash,
      sealed: apiKeys.signingSecretSealed,
      channelId: intakeChannels.id,
      channel: intakeChannels.channel,
      isActive: intakeChannels.isActive,
      webhookUrl: intakeChannels.webhookUrl,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .innerJoin(intakeChannels, eq(intakeChannels.id, apiKeys.channelId))
    .where(and(eq(apiKeys.keyPrefix, sql.placeholder('prefix')), isNull(apiKeys.revokedAt)))
    .prepare(),
);

/** The caller a key belongs to, or null (unknown, revoked, inactive channel, malformed). */
export async function authenticateApiKey(
  db: Conn,
  raw: string | null | undefined,
  now: Date,
): Promise<ApiCaller | null> {
  const match = raw?.trim().match(KEY_PATTERN);
  if (!match) return null;
  const row = await keyByPrefix(db).get({ prefix: match[1]! });
  if (!row?.isActive) return null;
  const a = Buffer.from(sha256(raw!.trim()), 'hex');
  const b = Buffer.from(row.keyHash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  // To the minute: a busy key is not written on every request (each write is a commit).
  if (
    !row.lastUsedAt ||
    Math.abs(now.getTime() - row.lastUsedAt.getTime()) >= LAST_USED_PRECISION_MS
  ) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return {
    keyId: row.id,
    channelId: row.channelId,
    channel: row.channel,
    signingSecret: row.sealed ? unsealSecret(row.sealed) : null,
    hasWebhook: row.webhookUrl !== null,
  };
}
