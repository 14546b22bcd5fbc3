import 'server-only';
import { getDb, inTransaction, type Conn, type Db } from '@/db/client';
import { SYSTEM_ACTOR, type Actor } from './actor';

/**
 * Everything a verb needs from its caller: the connection (or the open transaction), who is asking
 * and the clock. Entry wrappers build it once per request; verbs never reach for a global database
 * or `new Date()`, so tests pin time and data, and another engine can come behind the same seam.
 */
export interface Ctx<A extends Actor = Actor> {
  readonly db: Conn;
  readonly actor: A;
  readonly now: Date;
  /** True inside `withTransaction`: a nested call joins the open transaction (a savepoint). */
  readonly inTransaction: boolean;
}

/** A context over an explicit connection: tests, scripts, workers and the seed. */
export function makeCtx<A extends Actor>(db: Conn, actor: A, now: Date = new Date()): Ctx<A> {
  return { db, actor, now, inTransaction: false };
}

/** The context of one request or job tick: the process's database, the given actor, now. */
export function requestCtx<A extends Actor>(actor: A): Ctx<A> {
  return makeCtx(getDb(), actor);
}

/** The same connection and clock, another actor (a verb acting for the system, a job per case). */
export function asActor<A extends Actor>(ctx: Ctx, actor: A): Ctx<A> {
  return { ...ctx, actor };
}

/** The same connection and actor at another instant (jobs and seeds that replay time). */
export function atTime<A extends Actor>(ctx: Ctx<A>, now: Date): Ctx<A> {
  return { ...ctx, now };
}

export const systemCtx = (db: Db, now?: Date): Ctx => makeCtx(db, SYSTEM_ACTOR, now);

/**
 * Runs `fn` in one IMMEDIATE transaction (the write lock is taken at BEGIN, so the audit chain
 * and the case version cannot fork) and resolves with its result; any throw rolls everything back.
 *
 * The body may await its statements: SQLite's transactions take turns on the process's one
 * connection (db/client.ts `inTransaction`), and an engine whose driver is asynchronous runs the
 * same body unchanged. The body should await only the database: whatever else it awaits (a file,
 * the network) holds every other writer of the process behind it.
 *
 * Nesting: called with a context that is already in a transaction (or from inside one's body), the
 * body runs in a savepoint of it, so a verb can be composed into a larger write and still roll
 * back alone.
 */
export async function withTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => T | Promise<T>): Promise<T> {
  return await inTransaction(ctx.db, (tx) => fn({ ...ctx, db: tx, inTransaction: true }));
}
