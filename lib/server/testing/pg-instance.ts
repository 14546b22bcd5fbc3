/**
 * One app instance's share of the PostgreSQL concurrency tests (db/pg/claims.test.ts), as its own
 * process with its own pool: started with a JSON job, it opens its connections, says 'ready',
 * waits for 'go' (so every instance's transactions really overlap) and reports 'done'.
 *  - file: `count` filings at once, each a transaction that takes a radicado number and inserts
 *    its case; every `rollbackEvery`-th one throws after taking its number.
 *  - send: claims due outbox messages and delivers each to a real SMTP server, until every message
 *    is sent (or 30 s); with `stall`, it claims once and then hangs (the test kills it with SIGKILL).
 */
import nodemailer from 'nodemailer';
import { closePg, openPg } from '@/db/pg/client';
import { claimDueMessages, markSent, takeRadicadoNumber } from '@/db/pg/claims';
import { cases } from '@/db/pg/schema';

export type InstanceJob =
  | { kind: 'file'; url: string; count: number; rollbackEvery: number }
  | { kind: 'send'; url: string; smtpUrl: string; leaseMs: number; batch: number; stall?: boolean };

const job = JSON.parse(process.argv[2]!) as InstanceJob;
const db = await openPg(job.url, { migrate: false, max: 10 });
await db.$client.query('SELECT 1');
const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
process.send!({ type: 'ready' });
await go;

if (job.kind === 'file') {
  const at = new Date('2026-11-02T15:00:00Z');
  const outcomes = await Promise.all(
    Array.from({ length: job.count }, (_, i) =>
      db
        .transaction(async (tx) => {
          const n = await takeRadicadoNumber(tx, 'PQRS', 2026);
          const radicado = `PQRS-2026-${String(n).padStart(6, '0')}`;
          await tx.insert(cases).values({
            radicado,
            typeCode: 'P',
            state: 'radicada',
            channel: 'web',
            subject: `Filing ${process.pid}-${i}`,
            description: 'Concurrency test.',
            receivedAt: at,
            updatedAt: at,
          });
          if (job.rollbackEvery && (i + 1) % job.rollbackEvery === 0) throw new Error('rollback');
          return radicado;
        })
        .catch(() => null),
    ),
  );
  process.send!({ type: 'done', value: outcomes.filter(Boolean) });
} else {
  const transport = nodemailer.createTransport(job.smtpUrl);
  let sent = 0;
  // Until every message is sent (the stranded ones come due when their lease runs out), or 30 s.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const claimed = await claimDueMessages(db, new Date(), job.batch, job.leaseMs);
    if (job.stall && claimed.length) {
      process.send!({ type: 'claimed', value: claimed.map((m) => m.id) });
      await new Promise(() => undefined);
    }
    if (claimed.length === 0) {
      const left = await db.$client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'`,
      );
      if (left.rows[0]!.n === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    for (const message of claimed) {
      await transport.sendMail({
        from: 'no-reply@ventanilla.test',
        to: message.toAddress,
        subject: message.subject,
        text: message.bodyText,
        messageId: message.messageId,
      });
      await markSent(db, message.id, new Date());
      sent += 1;
    }
  }
  transport.close();
  process.send!({ type: 'done', value: sent });
}
await closePg(db);
process.exit(0);
