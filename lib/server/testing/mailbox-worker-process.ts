/**
 * The mailbox worker in a process of its own, against the test's database (its SQLite file or its
 * PostgreSQL URL; the engine comes with the environment, as the server's does): the app as far as
 * a mailbox is concerned, so a test can kill it with SIGKILL in the middle of a pull and start it
 * again. Reports each message taken over IPC.
 */
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { startMailboxWorker } from '../mailboxes/worker';
import { openConnection } from './test-db';

const [target] = process.argv.slice(2);
const { db } = await openConnection(target!);
await startMailboxWorker({
  ctx: () => makeCtx(db, SYSTEM_ACTOR),
  pollMs: 500,
  retryMs: 300,
  reloadMs: 500,
  leaseMs: 1500,
  onTaken: (_id, outcome) => process.send?.({ type: 'taken', outcome }),
});
process.send?.({ type: 'ready' });
