/**
 * An outbox sender for the webhook restart test: it runs the real sender (real POSTs) over the
 * given database until the parent kills it (SIGKILL) mid-delivery, as a crashed server would.
 * Usage (forked): webhook-sender-worker.ts <database: SQLite file or PostgreSQL URL>
 */
import { deliverDueMail } from '../notices/sender';
import type { MailTransport } from '../notices/transport';
import { openConnection } from './test-db';

const [target] = process.argv.slice(2) as [string];
const { db } = await openConnection(target);
const noMail: MailTransport = {
  kind: 'smtp',
  send: () => Promise.reject(new Error('this worker sends webhooks only')),
  close: () => {},
};
process.send?.({ type: 'started' });
void deliverDueMail({ db, transport: noMail });
