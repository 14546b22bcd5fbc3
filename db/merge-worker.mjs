/**
 * Runs index maintenance off the request thread (db/merge-in-worker.ts): opens the database file
 * given in `workerData.file` and runs each of `workerData.statements` over and over until a run
 * makes fewer than two changes (FTS5's own test for "no work was left"), then exits. WAL lets the
 * server read meanwhile; its writes wait for each step's commit (busy_timeout). The thread runs at
 * the read pool's lower priority (`workerData.nice`, READ_WORKER_NICE), so the request thread goes
 * first for a core. Plain JavaScript, so that Node loads it as it is, in the server and in tests.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

const { file, statements, nice } = workerData;
if (nice) {
  try {
    // Linux: setpriority on the thread's own id (as db/read-worker.mjs does).
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, nice);
  } catch {
    // No /proc, or not allowed: the thread keeps the process's priority.
  }
}
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
try {
  const changes = db.prepare('SELECT total_changes()').pluck();
  let steps = 0;
  for (const sql of statements) {
    const step = db.prepare(sql);
    for (;;) {
      const before = changes.get();
      step.run();
      steps += 1;
      if (changes.get() - before < 2) break;
    }
  }
  parentPort.postMessage({ steps });
} finally {
  db.close();
}
