import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  INBOUND_MAIL_OUTCOMES,
  INBOUND_MAIL_REASONS,
  INBOUND_MAIL_SOURCES,
  MAILBOX_AUTH_KINDS,
  MAILBOX_SECURITY,
} from '../../lib/domain/enums';
import { cases } from './cases';
import { createdAt, instant } from './columns';
import { staffUsers, teams } from './people';

/**
 * The entity's own mailboxes Ventanilla pulls petitions from (issue 19): IMAP with a password, or
 * OAuth2 (XOAUTH2) for Microsoft 365 and Google. Secrets are sealed like the API keys' signing
 * secrets (AES-256-GCM under a key derived from the app secret); listings never carry them.
 */
export const mailboxes = sqliteTable('mailboxes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  /** 'tls': TLS from the first byte (993); 'starttls': plain, upgraded before login (143). */
  security: text('security', { enum: MAILBOX_SECURITY }).notNull().default('tls'),
  authKind: text('auth_kind', { enum: MAILBOX_AUTH_KINDS }).notNull().default('password'),
  username: text('username').notNull(),
  /** The password, or for OAuth2 the refresh token. */
  secretSealed: text('secret_sealed').notNull(),
  oauthTokenUrl: text('oauth_token_url'),
  oauthClientId: text('oauth_client_id'),
  oauthClientSecretSealed: text('oauth_client_secret_sealed'),
  oauthScope: text('oauth_scope'),
  accessTokenSealed: text('access_token_sealed'),
  accessTokenExpiresAt: instant('access_token_expires_at'),
  /** A certificate the server may present besides the public CAs (PEM): a private CA's, say. */
  caPem: text('ca_pem'),
  folder: text('folder').notNull().default('INBOX'),
  processedFolder: text('processed_folder').notNull().default('Procesados'),
  /** The team its new cases go to; null: the routing rules decide, as for any e-mail. */
  teamId: integer('team_id').references(() => teams.id),
  /** Larger messages are radicated from their first part; the whole message is kept for staff. */
  maxBytes: integer('max_bytes')
    .notNull()
    .default(25 * 1024 * 1024),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  lastPullAt: instant('last_pull_at'),
  lastSuccessAt: instant('last_success_at'),
  lastError: text('last_error'),
  lastErrorAt: instant('last_error_at'),
  /** Since when every attempt failed; null while it works. */
  failingSince: instant('failing_since'),
  /** When admins were told about the failure that started at failingSince. */
  alertedAt: instant('alerted_at'),
  /** Messages left in the folder at the last look. */
  backlog: integer('backlog').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: instant('updated_at'),
});

/**
 * Every message that reached Ventanilla by mail, from the SMTP listener or a mailbox: what became
 * of it (a case, a reply on a case, the quarantine) and the key that keeps it from being radicated
 * twice (its Message-ID, or a digest of the message when it has none). The row is written in the
 * same transaction as the case or the reply, so a message is recorded exactly when its case is.
 */
export const inboundMail = sqliteTable(
  'inbound_mail',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source', { enum: INBOUND_MAIL_SOURCES }).notNull(),
    messageKey: text('message_key').notNull(),
    mailboxId: integer('mailbox_id').references(() => mailboxes.id),
    uidValidity: integer('uid_validity'),
    uid: integer('uid'),
    fromAddress: text('from_address'),
    subject: text('subject'),
    /** When the mail server received it: the legal term counts from here. */
    receivedAt: instant('received_at').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    outcome: text('outcome', { enum: INBOUND_MAIL_OUTCOMES }).notNull(),
    /** Why it was quarantined, or what could not be read of a radicated one. */
    reason: text('reason', { enum: INBOUND_MAIL_REASONS }),
    caseId: integer('case_id').references(() => cases.id),
    /** The whole message as it arrived, in the upload folder, while staff may need it. */
    rawStoredName: text('raw_stored_name'),
    reviewedById: integer('reviewed_by_id').references(() => staffUsers.id),
    reviewedAt: instant('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('inbound_mail_key_uq').on(t.messageKey),
    index('inbound_mail_outcome_idx').on(t.outcome, t.receivedAt),
    index('inbound_mail_mailbox_idx').on(t.mailboxId, t.uidValidity, t.uid),
  ],
);
