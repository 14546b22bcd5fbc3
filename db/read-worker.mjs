/**
 * One thread of the read pool (db/read-pool.ts). It holds read-only connections to the database
 * files it is asked about and answers each message `{ id, key, file, statements: [{ sql, params }] }`
 * with the rows of each statement, `{ id, results: [rows, …] }`, or `{ id, error }`. Several
 * statements are read in one transaction, so they see the same snapshot. Plain JavaScript, so that
 * Node loads it as it is, in the server and in tests alike.
 *
 * WAL lets these readers work while the server's one connection writes: each statement reads the
 * database as it was when the statement began, everything committed before it included.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

/** Connections kept open, by the key of the server's own handle (a file reopened is a new key). */
const MAX_CONNECTIONS = 4;
/** Prepared statements kept per connection: the views ask the same few dozen again and again. */
const MAX_STATEMENTS = 200;

/**
 * Lowers this thread's priority (Linux: setpriority on the thread's own id), so that when the
 * request thread and this one both want a core, the request goes first. Elsewhere it stays as is.
 */
function lowerPriority(nice) {
  if (!nice) return;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, nice);
  } catch {
    // No /proc, or not allowed: the thread keeps the process's priority.
  }
}

/** @type {Map<string, { db: Database.Database, statements: Map<string, Database.Statement> }>} */
const connections = new Map();

function connection(key, file) {
  let open = connections.get(key);
  if (open) {
    // Most recently used last: the first is the one to close when there are too many.
    connections.delete(key);
    connections.set(key, open);
    return open;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  open = { db, statements: new Map() };
  connections.set(key, open);
  if (connections.size > MAX_CONNECTIONS) {
    const [oldest, first] = connections.entries().next().value;
    connections.delete(oldest);
    first.db.close();
  }
  return open;
}

function statement(open, sql) {
  let prepared = open.statements.get(sql);
  if (!prepared) {
    prepared = open.db.prepare(sql);
    open.statements.set(sql, prepared);
    if (open.statements.size > MAX_STATEMENTS) {
      open.statements.delete(open.statements.keys().next().value);
    }
  }
  return prepared;
}

lowerPriority(workerData?.nice ?? 0);

parentPort.on('message', (message) => {
  if (message.close !== undefined) {
    connections.get(message.close)?.db.close();
    connections.delete(message.close);
    return;
  }
  const { id, key, file, statements } = message;
  try {
    const open = connection(key, file);
    const read = () => statements.map(({ sql, params }) => statement(open, sql).all(...params));
    const results = statements.length > 1 ? open.db.transaction(read)() : read();
    parentPort.postMessage({ id, results });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: { message: error?.message ?? String(error), code: error?.code },
    });
  }
});
