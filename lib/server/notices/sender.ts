import 'server-only';
import { first } from '@/db/rows';
import { inTransaction } from '@/db/client';
import { and, asc, desc, eq, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import type { PgDb } from '@/db/pg/client';
import { claimDueMessages } from '@/db/pg/claims';
import { isPg, pgDatabaseOf } from '@/db/pg/transactions';
import { outbox } from '@/db/tables';
import { env } from '@/lib/env';
import { recordAnswerDelivery } from '../cases/answer-delivery';
import { mailBody } from './deferred-mail';
import { mailAttachments } from './mail-files';
import { PermanentMailError, type MailTransport } from './transport';
import { sendWebhook } from './webhook-transport';

const MINUTE = 60_000;
/** How long a claimed message is ours; a sender that dies mid-delivery gives it back after this. */
export const SEND_LEASE_MS = 5 * MINUTE;
export const MAX_ATTEMPTS = 10;

/** Wait before attempt n + 1 after n failed attempts: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(failedAttempts: number): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(MINUTE * 2 ** (n - 1), 6 * 60 * MINUTE);
}

export interface DeliveryOptions {
  db: Conn;
  transport: MailTransport;
  now?: Date;
  from?: string;
  /** Messages claimed per run. */
  batch?: number;
  /** Webhook rows: how long a receiver may take (default WEBHOOK_TIMEOUT_MS). */
  webhookTimeoutMs?: number;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

type Claimed = typeof outbox.$inferSelect;

/**
 * Takes due messages in one write transaction: pending ones whose time has come and 'sending' ones
 * whose lease ran out (their sender died before recording the outcome). Two senders never claim the
 * same message: on SQLite the claim is an UPDATE under the single writer; on PostgreSQL, where
 * several instances send at once, the due rows are locked as they are read and rows another sender
 * holds are skipped (db/pg/claims.ts, FOR UPDATE SKIP LOCKED). Without the lock, two instances at
 * READ COMMITTED would both read a message as due and both send it.
 */
async function claimDue(db: Conn, now: Date, batch: number): Promise<Claimed[]> {
  if (isPg(db))
    return await claimDueMessages(pgDatabaseOf(db) as unknown as PgDb, now, batch, SEND_LEASE_MS);
  return await inTransaction(db, async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          or(eq(outbox.status, 'pending'), eq(outbox.status, 'sending')),
          lte(outbox.nextAttemptAt, now),
          // A letter waits for staff to print and post it; no worker delivers it.
          ne(outbox.medium, 'letter'),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(batch);
    if (due.length === 0) return [];
    const claimed = await tx
      .update(outbox)
      .set({
        status: 'sending',
        attempts: sql`${outbox.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + SEND_LEASE_MS),
      })
      .where(
        inArray(
          outbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    // RETURNING gives the rows in id order here: deliver them in the order they came due.
    const place = new Map(due.map((d, i) => [d.id, i]));
    return claimed.sort((a, b) => place.get(a.id)! - place.get(b.id)!);
  });
}

/**
 * Records a message as sent, and when it carries a case's answer, that the answer reached the
 * petitioner at that instant (the legal result: cases/answer-delivery.ts), in one transaction.
 */
export async function markSent(
  db: Conn,
  row: Pick<Claimed, 'id' | 'kind' | 'caseId' | 'medium'>,
  sentAt: Date,
  options: { where?: SQL; correct?: boolean } = {},
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const where = options.where ?? eq(outbox.id, row.id);
    await tx.update(outbox).set({ status: 'sent', sentAt, lastError: null }).where(where);
    if (row.kind === 'answer' && row.caseId !== null) {
      await recordAnswerDelivery(tx, row.caseId, sentAt, row.medium, { correct: options.correct });
    }
  });
}

/**
 * Records the case's queued answer message as sent at `at`, as the sender does when the server
 * accepts it: for the demo seed and test datasets, which have no mail server. False when no answer
 * message is waiting (nowhere to send it, or already sent).
 */
export async function markAnswerSent(db: Conn, caseId: number, at: Date): Promise<boolean> {
  const message = await first(
    db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.caseId, caseId), eq(outbox.kind, 'answer'), eq(outbox.status, 'pending')),
      )
      .orderBy(desc(outbox.id)),
  );
  if (!message) return false;
  await markSent(db, message, at);
  return true;
}

/**
 * Delivers what is due: each message as queued (or composed now from its parameters:
 * deferred-mail.ts), with its stable Message-ID (an e-mail through the transport, a webhook row as a
 * signed POST: webhook-transport.ts), then records sent, a retry
 * with backoff, or failed (a permanent refusal, or MAX_ATTEMPTS reached).
 */
export async function deliverDueMail(options: DeliveryOptions): Promise<DeliveryReport> {
  const { db, transport } = options;
  const now = options.now ?? new Date();
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const row of await claimDue(db, now, options.batch ?? 20)) {
    const mine = and(eq(outbox.id, row.id), eq(outbox.status, 'sending'));
    try {
      if (row.medium === 'webhook') {
        await sendWebhook(db, row, { now: options.now, timeoutMs: options.webhookTimeoutMs });
      } else {
        // A message queued with its parameters is composed here, as it leaves (deferred-mail.ts).
        const { text, html } = mailBody(row);
        await transport.send({
          from: options.from ?? env().MAIL_FROM,
          to: row.toAddress,
          subject: row.subject,
          text,
          html,
          messageId: row.messageId,
          attachments: await mailAttachments(db, row.attachmentIds),
        });
      }
      await markSent(db, row, options.now ?? new Date(), { where: mine });
      report.sent += 1;
    } catch (error) {
      const message = ((error as Error).message || String(error)).slice(0, 1000);
      const isFinal = error instanceof PermanentMailError || row.attempts >= MAX_ATTEMPTS;
      await inTransaction(
        db,
        async (tx) =>
          await tx
            .update(outbox)
            .set(
              isFinal
                ? { status: 'failed', lastError: message }
                : {
                    status: 'pending',
                    lastError: message,
                    nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)),
                  },
            )
            .where(mine),
      );
      if (isFinal) report.failed += 1;
      else report.retried += 1;
    }
  }
  return report;
}
