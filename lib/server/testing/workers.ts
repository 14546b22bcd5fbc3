import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Conn } from '@/db/client';
import type { Actor } from '../core/actor';
import { databaseTarget } from './test-db';
import { engineAt } from '@/db/engine';

export type WorkerJob =
  | { kind: 'file-cases'; count: number; tag: string; now?: string }
  | { kind: 'case-action'; caseId: number; input: unknown; actor: Actor; now: string }
  | { kind: 'take-tick'; job: string; holder: string; now: string; everyMs: number }
  | { kind: 'presence'; caseId: number; actor: Actor; now: string; input?: object };

export type WorkerOutcome =
  { ok: true; value: string } | { ok: false; code: string; message?: string };

const WORKER = path.join(import.meta.dirname, 'use-case-worker.ts');

/**
 * Starts one process per job on `target` (a database, or a SQLite file's path), waits until every
 * one has its database connection open, then lets them all go at once, so their transactions
 * really overlap. On PostgreSQL each process opens a pool of its own on the database's URL, as
 * another app instance would. Resolves with each job's outcomes.
 */
export async function runWorkers(
  target: Conn | string,
  jobs: WorkerJob[],
): Promise<WorkerOutcome[][]> {
  const where = typeof target === 'string' ? target : databaseTarget(target);
  const url = engineAt(where) === 'postgres' ? where : '';
  const children: ChildProcess[] = [];
  try {
    const started = jobs.map((job) => {
      const child = fork(WORKER, [where, JSON.stringify(job)], {
        cwd: process.cwd(),
        // The worker's tables and statements follow its engine (db/tables.ts reads DATABASE_URL).
        env: { ...process.env, DATABASE_URL: url },
        execArgv: ['--conditions=react-server', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(child);
      let markReady!: () => void;
      const ready = new Promise<void>((resolve) => (markReady = resolve));
      const done = new Promise<WorkerOutcome[]>((resolve, reject) => {
        child.on('message', (message: { type: string; outcomes?: WorkerOutcome[] }) => {
          if (message.type === 'ready') markReady();
          if (message.type === 'done') resolve(message.outcomes ?? []);
        });
        child.on('error', reject);
        child.on('exit', (code) => reject(new Error(`worker exited with code ${code}`)));
      });
      // A worker that dies before `ready` must not leave the barrier waiting for ever.
      return { child, ready: Promise.race([ready, done.then(() => undefined)]), done };
    });
    await Promise.all(started.map((s) => s.ready));
    for (const { child } of started) child.send('go');
    return await Promise.all(started.map((s) => s.done));
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}
