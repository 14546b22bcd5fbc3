import { AsyncLocalStorage } from 'node:async_hooks';
import { is } from 'drizzle-orm';
import { PgDatabase, PgTransaction, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Queryable } from './client';

/** A PostgreSQL database or an open transaction on it, whatever its schema. */
type PgConn = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;
type PgTx = PgTransaction<PgQueryResultHKT, Record<string, unknown>>;

/**
 * The transaction whose body the running code is in, and the database it was opened on. A body
 * that calls another verb with its caller's context (the database, not the transaction) joins the
 * transaction in a savepoint, as on SQLite (db/client.ts): on a pool it would otherwise take a
 * second connection and wait for locks its own transaction holds. Code the body started and left
 * running keeps the store after the body ended (`isOpen` false): it runs on its own, as on SQLite,
 * never on a connection the pool has since given to someone else's transaction.
 */
const current = new AsyncLocalStorage<{ db: PgConn; tx: PgTx; isOpen: boolean }>();

/** Runs `body` as the body of `tx`, opened on `db`, until it ends. */
async function asBody<T>(db: PgConn, tx: PgTx, body: (tx: PgTx) => T | Promise<T>): Promise<T> {
  const store = { db, tx, isOpen: true };
  try {
    return await current.run(store, async () => await body(tx));
  } finally {
    store.isOpen = false;
  }
}

/** True for drizzle's PostgreSQL database or transaction. */
export function isPg(conn: object): boolean {
  return is(conn, PgDatabase);
}

/**
 * The database (its pool) behind `conn`, also inside a transaction's body: for what keeps its
 * own rows outside the transaction, as the rate limiters do.
 */
export function pgDatabaseOf(conn: object): PgConn {
  if (!is(conn, PgTransaction)) return conn as PgConn;
  const store = current.getStore();
  if (store?.tx !== conn || !store.isOpen)
    throw new Error('a PostgreSQL transaction handle outside its body');
  return store.db;
}

/**
 * pg's client for `conn`'s raw statements (db/pg/*): inside a transaction, the connection that
 * transaction runs on, so they see its writes and its snapshot; else the pool.
 */
export function pgQueryable(conn: object): Queryable {
  if (is(conn, PgTransaction))
    return (conn as unknown as { session: { client: Queryable } }).session.client;
  return (conn as unknown as { $client: Queryable }).$client;
}

/** Failures PostgreSQL asks the client to retry: a deadlock (40P01), a serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
/** How many times a write transaction runs before a retryable failure is given up as an error. */
export const PG_ATTEMPTS = 5;

/** The transaction open for `conn` in the running code, if any (its own, or the one it joins). */
function openFor(conn: PgConn): PgTx | undefined {
  if (is(conn, PgTransaction)) return conn as PgTx;
  const store = current.getStore();
  return store?.db === conn && store.isOpen ? store.tx : undefined;
}

/** True when a statement on `conn` would run inside the transaction the running code is in. */
export function pgInsideTransaction(conn: object): boolean {
  return openFor(conn as PgConn) !== undefined;
}

/**
 * Runs `body` in a transaction on `conn` (READ COMMITTED; the statements that must not fork, a
 * radicado, a case's version, the audit chain, take row or advisory locks). Inside a transaction
 * already, the body runs in a savepoint and rolls back alone. A deadlock or serialization failure
 * rolls back and runs the body again, up to PG_ATTEMPTS times: bodies keep their effects in the
 * database, so a second run starts from what the first left, which is nothing.
 */
export async function pgTransaction<T>(
  conn: object,
  body: (tx: PgTx) => T | Promise<T>,
): Promise<T> {
  const db = conn as PgConn;
  const outer = openFor(db);
  if (outer) return outer.transaction((tx) => asBody(db, tx, body));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction((tx) => asBody(db, tx, body));
    } catch (error) {
      if (attempt >= PG_ATTEMPTS || !RETRYABLE.has(sqlState(error))) throw error;
    }
  }
}

/** PostgreSQL's code for a failure, also when drizzle wraps the driver's error. */
function sqlState(error: unknown): string {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return code ?? cause?.code ?? '';
}

/**
 * Runs `body` in one snapshot (REPEATABLE READ): a queue's counts and its page agree. Inside a
 * transaction already, it runs there.
 */
export async function pgSnapshot<T>(conn: object, body: (tx: PgTx) => T | Promise<T>): Promise<T> {
  const db = conn as PgConn;
  const outer = openFor(db);
  if (outer) return body(outer);
  return db.transaction((tx) => asBody(db, tx, body), {
    isolationLevel: 'repeatable read',
  });
}
