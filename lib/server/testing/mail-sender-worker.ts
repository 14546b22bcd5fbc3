/**
 * A mail sender that dies mid-delivery, for the outbox crash test: it claims due messages through
 * the real sender, tells the parent `claimed` when the first delivery starts and then hangs there
 * until the parent kills it (SIGKILL), as a crashed or killed server would.
 * Usage (forked): mail-sender-worker.ts <database: SQLite file or PostgreSQL URL> <smtp url>
 */
import { deliverDueMail } from '../notices/sender';
import { smtpTransport, type MailTransport } from '../notices/transport';
import { openConnection } from './test-db';

const [target, url] = process.argv.slice(2) as [string, string];
const { db } = await openConnection(target);
const real = smtpTransport(url);
const dying: MailTransport = {
  kind: 'smtp',
  send: () => {
    process.send?.({ type: 'claimed' });
    // Hang for good (a timer keeps the process alive, as an SMTP connection would).
    return new Promise<void>(() => setInterval(() => {}, 60_000));
  },
  close: () => real.close(),
};
void deliverDueMail({ db, transport: dying });
