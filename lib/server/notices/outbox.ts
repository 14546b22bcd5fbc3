import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { outbox } from '@/db/tables';
import type { Locale, OutboxMedium } from '@/lib/domain/enums';
import { driverValues, placeholders, preparedQuery } from '../core/prepared';

export interface OutgoingMail {
  /** What the mail is about (`constancia`, `answer` …), for reports and retries. */
  kind: string;
  caseId: number | null;
  to: string;
  subject: string;
  text: string;
  /** Null for a webhook message (its text is the JSON it POSTs). */
  html: string | null;
  /**
   * A message composed when sent: its kind's parameters (deferred-mail.ts), with `text` '' and
   * `html` null meanwhile.
   */
  params?: Record<string, unknown> | null;
  locale: Locale;
  now: Date;
  /** One mail per key, ever: retried transactions and repeated jobs queue nothing twice. */
  dedupeKey: string;
  /** Case files (attachments.id) sent with the mail, as attachments or links (sender.ts). */
  attachmentIds?: readonly number[];
  /** 'email' (default) or 'webhook': then `to` is the URL and `channelId` the API channel. */
  medium?: OutboxMedium;
  channelId?: number | null;
}

/** The Message-ID derives from the dedupe key, so a mail resent by the worker is the same mail. */
export function messageIdFor(dedupeKey: string): string {
  return `<${dedupeKey}@ventanilla.local>`;
}

/**
 * Queues a customer notification inside the transaction of the change that causes it: the mail
 * exists if and only if the change committed. Returns the outbox id (the existing one for a key
 * already queued).
 */
export async function enqueueMail(tx: Conn, mail: OutgoingMail): Promise<number> {
  const messageId = messageIdFor(mail.dedupeKey);
  const inserted = await insertMail(tx).get(
    driverValues(outbox, {
      kind: mail.kind,
      caseId: mail.caseId,
      medium: mail.medium ?? 'email',
      channelId: mail.channelId ?? null,
      toAddress: mail.to,
      subject: mail.subject,
      bodyText: mail.text,
      bodyHtml: mail.html,
      params: mail.params ?? null,
      attachmentIds: mail.attachmentIds?.length ? [...mail.attachmentIds] : null,
      locale: mail.locale,
      messageId,
      status: 'pending',
      nextAttemptAt: mail.now,
      createdAt: mail.now,
    } satisfies Record<(typeof MAIL_COLUMNS)[number], unknown>),
  );
  if (inserted) return inserted.id;
  const existing = await mailByMessageId(tx).get({ messageId });
  if (!existing) throw new Error(`outbox: ${messageId} neither inserted nor found`);
  return existing.id;
}

const MAIL_COLUMNS = [
  'kind',
  'caseId',
  'medium',
  'channelId',
  'toAddress',
  'subject',
  'bodyText',
  'bodyHtml',
  'params',
  'attachmentIds',
  'locale',
  'messageId',
  'status',
  'nextAttemptAt',
  'createdAt',
] as const;

// Every filing queues its constancia, most changes a notice: both built once per connection.
const insertMail = preparedQuery((db) =>
  db
    .insert(outbox)
    .values(placeholders(MAIL_COLUMNS))
    .onConflictDoNothing({ target: outbox.messageId })
    .returning({ id: outbox.id })
    .prepare(),
);
const mailByMessageId = preparedQuery((db) =>
  db
    .select({ id: outbox.id })
    .from(outbox)
    .where(eq(outbox.messageId, sql.placeholder('messageId')))
    .prepare(),
);
