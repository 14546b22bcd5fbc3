import 'server-only';
import { insideTransaction, inSavepoint, inTransaction, sqliteOf, type Conn } from '@/db/client';
import { isPg } from '@/db/pg/transactions';
import { withTransaction, type Ctx } from './context';

/** A body waiting for its group's transaction, and how to answer its caller. */
interface Waiting {
  run: (tx: Conn) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const groups = new WeakMap<object, { db: Conn; waiting: Waiting[] }>();
/** Taken at load: a test that fakes the timers must not leave a group waiting forever. */
const afterIo = globalThis.setImmediate;

async function commitGroup(client: object): Promise<void> {
  const group = groups.get(client);
  groups.delete(client);
  if (!group) return;
  const outcomes: { ok: boolean; value: unknown }[] = [];
  try {
    await inTransaction(group.db, async (tx) => {
      for (const body of group.waiting) {
        try {
          outcomes.push({ ok: true, value: await body.run(tx) });
        } catch (error) {
          outcomes.push({ ok: false, value: error });
        }
      }
    });
  } catch (error) {
    // The commit itself failed: nothing of the group was written.
    for (const body of group.waiting) body.reject(error);
    return;
  }
  group.waiting.forEach((body, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) body.resolve(outcome.value);
    else body.reject(outcome.value);
  });
}

/**
 * `withTransaction` for a write many requests make at once (filing a case): the bodies that arrive
 * while the event loop serves one round of I/O commit together, one IMMEDIATE transaction with a
 * savepoint each, so the commit (the WAL write, the search index's flush) is paid once per group
 * instead of once per request (issue 15 §5). Each body still commits or rolls back alone: one that
 * throws rolls back its own savepoint and its caller gets the error; the others are unaffected.
 * Callers are answered only after the commit, so what they were told is durable. The bodies run
 * one after another in arrival order, each seeing the writes of those before it, exactly as if
 * they had run in turn (the audit chain and the radicado sequence stay in order). Nested in an
 * open transaction (a verb composed into a larger write, the seed's batch), it simply joins it.
 * PostgreSQL commits many transactions side by side, so there each body is its own transaction.
 */
export function withGroupedTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => T | Promise<T>): Promise<T> {
  if (ctx.inTransaction || isPg(ctx.db) || insideTransaction(ctx.db)) {
    return withTransaction(ctx, fn);
  }
  const client = sqliteOf(ctx.db);
  let group = groups.get(client);
  if (!group) {
    groups.set(client, (group = { db: ctx.db, waiting: [] }));
    afterIo(() => void commitGroup(client));
  }
  const waiting = group.waiting;
  return new Promise<T>((resolve, reject) => {
    waiting.push({
      run: (tx) => inSavepoint(tx, () => fn({ ...ctx, db: tx, inTransaction: true })),
      resolve: resolve as (value: unknown) => void,
      reject,
    });
  });
}
