/**
 * An outbox sender for the webhook restart test: it runs the real sender (real POSTs) over the
 * given database file until the parent kills it (SIGKILL) mid-delivery, as a crashed server would.
 * Usage (forked): webhook-sender-worker.ts <db file>
 */
import { openDb } from '@/db/client';
import { deliverDueMail } from '../notices/sender';
import type { MailTransport } from '../notices/transport';

const [file] = process.argv.slice(2) as [string];
const db = openDb(file);
const noMail: MailTransport = {
  kind: 'smtp',
  send: () => Promise.reject(new Error('this worker sends webhooks only')),
  close: () => {},
};
process.send?.({ type: 'started' });
void deliverDueMail({ db, transport: noMail });
