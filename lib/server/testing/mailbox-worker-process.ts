/**
 * The mailbox worker in a process of its own, against a shared SQLite file: the app as far as a
 * mailbox is concerned, so a test can kill it with SIGKILL in the middle of a pull and start it
 * again. Reports each message taken over IPC.
 */
import { openDb } from '@/db/client';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { startMailboxWorker } from '../mailboxes/worker';

const [file] = process.argv.slice(2);
const db = openDb(file!);
await startMailboxWorker({
  ctx: () => makeCtx(db, SYSTEM_ACTOR),
  pollMs: 500,
  retryMs: 300,
  reloadMs: 500,
  leaseMs: 1500,
  onTaken: (_id, outcome) => process.send?.({ type: 'taken', outcome }),
});
process.send?.({ type: 'ready' });
