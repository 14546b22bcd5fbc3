import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { CHANNELS, LOCALES, OUTBOX_MEDIA, OUTBOX_STATUSES } from '../../lib/domain/enums';
import { cases } from './cases';
import { createdAt, instant } from './columns';
import { staffUsers } from './people';

/** Radicado numbers: one counter per prefix and year, incremented inside the filing transaction. */
export const radicadoSequences = sqliteTable(
  'radicado_sequences',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.year] })],
);

/** Every customer notification, written in the same transaction as the event that causes it. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    caseId: integer('case_id').references(() => cases.id),
    /** 'email': toAddress is a mailbox; 'webhook': a JSON POST to the API channel `channelId`. */
    medium: text('medium', { enum: OUTBOX_MEDIA }).notNull().default('email'),
    channelId: integer('channel_id'),
    /** For 'email' the address; for 'webhook' the URL it was queued for. */
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    /**
     * A message composed when it is sent (issue 15 §5): what its kind's composer needs
     * (notices/deferred-mail.ts). Then body_text is '' and body_html null until the sender composes
     * them; null for a message stored composed (every row before migration 0013, and most kinds).
     */
    params: text('params', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Case files that travel with the message (attachments.id), in order. */
    attachmentIds: text('attachment_ids', { mode: 'json' }).$type<number[]>(),
    locale: text('locale', { enum: LOCALES }).notNull().default('es'),
    messageId: text('message_id').notNull().unique(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: instant('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_status_next_idx').on(t.status, t.nextAttemptAt),
    index('outbox_case_idx').on(t.caseId),
  ],
);

/** Intake channels that reach us through the API (chat, WhatsApp, social, other systems). */
export const intakeChannels = sqliteTable('intake_channels', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  channel: text('channel', { enum: CHANNELS }).notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  /** Where the public messages of this channel's cases are POSTed; null: the channel is not told. */
  webhookUrl: text('webhook_url'),
  /** The webhook's HMAC secret, sealed like the API keys' signing secrets (core/secrets.ts). */
  webhookSecretSealed: text('webhook_secret_sealed'),
  createdAt: createdAt(),
});

/** API keys are stored hashed; only a short prefix is kept to recognise them. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => intakeChannels.id),
    name: text('name').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    /**
     * The HMAC signing secret, sealed (AES-256-GCM under a key derived from the app secret): the
     * server must hold the secret itself to check a signature, so it cannot be a one-way hash.
     */
    signingSecretSealed: text('signing_secret_sealed'),
    createdById: integer('created_by_id').references(() => staffUsers.id),
    createdAt: createdAt(),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_prefix_uq').on(t.keyPrefix)],
);

/** Replays of a request with the same Idempotency-Key return the stored response. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] })],
);

/** In-app notifications for staff (the bell). */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => staffUsers.id),
    caseId: integer('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    readAt: instant('read_at'),
    /** When it went out by e-mail (at once or in a daily digest); null while it has not. */
    mailedAt: instant('mailed_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_read_idx').on(t.userId, t.readAt)],
);

/**
 * How each person wants each kind of alert by e-mail (issue 14 §3): at once, in a daily digest,
 * or not at all. No row means the kind's default. The bell always shows every alert.
 */
export const notificationPreferences = sqliteTable(
  'notification_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => staffUsers.id),
    kind: text('kind').notNull(),
    mode: text('mode', { enum: ['immediate', 'digest', 'off'] }).notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** Scheduled jobs: whoever holds an unexpired lease for a job runs its tick. */
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: instant('expires_at').notNull(),
  lastTickAt: instant('last_tick_at'),
});

/** Signed-out sessions: a token whose id is here is refused until it would have expired anyway. */
export const revokedSessions = sqliteTable(
  'revoked_sessions',
  {
    jti: text('jti').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => staffUsers.id),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('revoked_sessions_expires_idx').on(t.expiresAt)],
);

/** Runs of the audit-chain verification as a background job, with their progress. */
export const auditVerifications = sqliteTable(
  'audit_verifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    startedBy: integer('started_by').references(() => staffUsers.id),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    status: text('status', { enum: ['running', 'passed', 'failed', 'interrupted'] }).notNull(),
    checked: integer('checked').notNull().default(0),
    total: integer('total').notNull(),
    /** The first event whose hash does not match, when the run failed. */
    brokenAtEventId: integer('broken_at_event_id'),
    message: text('message'),
  },
  (t) => [
    // One run at a time, across instances: a second start at the same moment is refused here.
    uniqueIndex('audit_verifications_one_running_idx')
      .on(t.status)
      .where(sql`status = 'running'`),
  ],
);
