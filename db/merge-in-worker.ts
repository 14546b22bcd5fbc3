import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { env } from '@/lib/env';
import { type Conn, insideTransaction, isDatabase, sqliteOf } from './client';

const WORKER_FILE = ['db', 'merge-worker.mjs'];

/**
 * Runs each statement over and over until it does no more work (db/merge-worker.mjs), in a thread
 * of its own with its own connection: merging a large full-text index takes seconds of CPU, and a
 * single step can hold a word's whole list for a third of a second, which on the request thread
 * would stall every request. Where no other connection can open the database (in memory, or inside
 * an open transaction) the steps run here. Resolves with the number of steps run.
 */
export async function repeatUntilDone(conn: Conn, statements: readonly string[]): Promise<number> {
  const handle = sqliteOf(conn);
  if (!isDatabase(conn) || handle.memory || insideTransaction(conn) || handle.name === '') {
    return repeatHere(conn, statements);
  }
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), ...WORKER_FILE);
  const worker = new Worker(file, {
    workerData: { file: handle.name, statements, nice: env().READ_WORKER_NICE },
  });
  return await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { steps: number }) => resolve(m.steps));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`merge worker exited (${code})`)));
  });
}

function repeatHere(conn: Conn, statements: readonly string[]): number {
  const handle = sqliteOf(conn);
  const changes = handle.prepare('SELECT total_changes()').pluck();
  let steps = 0;
  for (const sql of statements) {
    const step = handle.prepare(sql);
    for (;;) {
      const before = changes.get() as number;
      step.run();
      steps += 1;
      if ((changes.get() as number) - before < 2) break;
    }
  }
  return steps;
}
