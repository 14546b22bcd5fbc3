import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, type Conn } from '@/db/client';
import { outbox } from '@/db/tables';
import { enqueueMail } from './outbox';
import { deliverDueMail } from './sender';
import { smtpTransport } from './transport';
import { FILED_AT } from '../testing/fixtures';
import { startTestSmtp, type TestSmtp } from '../testing/smtp';
import { openTestDb } from '../testing/test-db';

/**
 * Several instances run the outbox sender at once (README "Scaling out"). On PostgreSQL each
 * sender's claim runs on its own pooled connection, side by side: the claim must lock what it takes
 * and skip what another sender holds, or two of them read the same message as due and both send it.
 */
let db: Conn;
let cleanup: () => Promise<void>;
let smtp: TestSmtp;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  smtp = await startTestSmtp();
});
afterEach(async () => {
  await smtp.close();
  await cleanup();
});

describe('senders at once', () => {
  it('deliver each due message exactly once, however many claim at the same moment', async () => {
    const count = 40;
    await inTransaction(db, async (tx) => {
      for (let i = 0; i < count; i += 1)
        await enqueueMail(tx, {
          kind: 'test',
          caseId: null,
          to: `persona${i}@example.co`,
          subject: `Aviso ${i}`,
          text: 'Texto',
          html: '<p>Texto</p>',
          locale: 'es',
          now: FILED_AT,
          dedupeKey: `at-once.${i}`,
        });
    });
    const transport = smtpTransport(smtp.url);
    const now = new Date(FILED_AT.getTime() + 1000);
    // Four senders, each taking small batches until nothing is due: their claims overlap.
    const sender = async () => {
      let sent = 0;
      for (;;) {
        const report = await deliverDueMail({ db, transport, now, batch: 5 });
        if (report.sent === 0) return sent;
        sent += report.sent;
      }
    };
    const sent = await Promise.all([sender(), sender(), sender(), sender()]);

    expect(sent.reduce((a, b) => a + b, 0)).toBe(count);
    expect(smtp.received).toHaveLength(count);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(count);
    const statuses = (await db.select({ status: outbox.status }).from(outbox)).map((r) => r.status);
    expect(statuses).toEqual(Array(count).fill('sent'));
  });
});
