import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { env } from '@/lib/env';
import { insideTransaction, isDatabase, sqliteOf, type Conn } from './client';

/**
 * The read pool (issue 15 §1): the heavy reads — supervisor views, reports, drill-downs — run in a
 * few worker threads, each with read-only connections of its own (db/read-worker.mjs), instead of
 * on the one thread that answers every request. A supervisor's 100 ms report then no longer holds
 * up sixteen agents' queues behind it; the workers run at a lower priority, so when both want a
 * core the request thread goes first.
 *
 * A read runs on the request thread instead when it must see what the pool cannot: inside an open
 * transaction (its uncommitted writes), on an in-memory database, or with READ_WORKERS=0.
 */

type Params = readonly unknown[];
/** One statement and its bound values (positional, or one object of named ones). */
export interface Read {
  sql: string;
  params?: Params;
}

interface Pending {
  resolve: (results: unknown[][]) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  thread: Worker;
  pending: Map<number, Pending>;
}

const WORKER_FILE = ['db', 'read-worker.mjs'];
let workers: PoolWorker[] = [];
let nextId = 1;

/** A key per opened handle: a file deleted and created again (tests) is a new connection. */
const handleKeys = new WeakMap<Database.Database, string>();
let nextHandle = 1;
function keyOf(handle: Database.Database): string {
  let key = handleKeys.get(handle);
  if (!key) {
    key = `${nextHandle++}:${handle.name}`;
    handleKeys.set(handle, key);
  }
  return key;
}

function failAll(worker: PoolWorker, error: Error): void {
  for (const job of worker.pending.values()) job.reject(error);
  worker.pending.clear();
  workers = workers.filter((w) => w !== worker);
}

function startWorker(): PoolWorker {
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), ...WORKER_FILE);
  const thread = new Worker(file, { workerData: { nice: env().READ_WORKER_NICE } });
  const worker: PoolWorker = { thread, pending: new Map() };
  thread.on(
    'message',
    (m: { id: number; results?: unknown[][]; error?: { message: string; code?: string } }) => {
      const job = worker.pending.get(m.id);
      if (!job) return;
      worker.pending.delete(m.id);
      // An idle pool never keeps a script or a test run alive.
      if (worker.pending.size === 0) thread.unref();
      if (m.error) job.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
      else job.resolve(m.results ?? []);
    },
  );
  thread.on('error', (error) => failAll(worker, error));
  thread.on('exit', (code) => failAll(worker, new Error(`read worker exited (${code})`)));
  thread.unref();
  workers.push(worker);
  return worker;
}

/** The least busy worker, starting one while there are fewer than READ_WORKERS. */
function pickWorker(): PoolWorker {
  const idle = workers.find((w) => w.pending.size === 0);
  if (idle) return idle;
  if (workers.length < env().READ_WORKERS) return startWorker();
  return workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
}

/** True when a read on this connection may leave the request thread. */
function canLeave(conn: Conn): boolean {
  if (env().READ_WORKERS === 0 || !isDatabase(conn) || insideTransaction(conn)) return false;
  const handle = conn.$client;
  return !handle.memory && handle.name !== '';
}

/** Runs the reads here, on the request thread (one transaction when several: one snapshot). */
function readHere(conn: Conn, reads: readonly Read[]): unknown[][] {
  const handle = sqliteOf(conn);
  const run = () => reads.map((r) => handle.prepare(r.sql).all(...(r.params ?? [])));
  return reads.length > 1 && !handle.inTransaction ? handle.transaction(run)() : run();
}

/**
 * The rows of each read-only statement, read together from one snapshot of the database: in a
 * worker thread when the connection allows it (see above), else right here. Either way the same
 * SQL, the same bound values, the same rows.
 */
export function readBatch(conn: Conn, reads: readonly Read[]): Promise<unknown[][]> {
  if (!canLeave(conn)) {
    try {
      return Promise.resolve(readHere(conn, reads));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  const handle = sqliteOf(conn);
  const worker = pickWorker();
  const id = nextId++;
  return new Promise<unknown[][]>((resolve, reject) => {
    worker.pending.set(id, { resolve, reject });
    worker.thread.ref();
    worker.thread.postMessage({
      id,
      key: keyOf(handle),
      file: handle.name,
      statements: reads.map((r) => ({ sql: r.sql, params: r.params ?? [] })),
    });
  });
}

/** The rows of one read-only statement (see readBatch). */
export async function readAll<T>(conn: Conn, sql: string, params: Params = []): Promise<T[]> {
  const [rows] = await readBatch(conn, [{ sql, params }]);
  return rows as T[];
}

/** Stops the pool's threads (tests, scripts that want to exit at once). */
export async function stopReadPool(): Promise<void> {
  const stopping = workers;
  workers = [];
  await Promise.all(stopping.map((w) => w.thread.terminate()));
}
