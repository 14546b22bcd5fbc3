/**
 * A child process that runs server use cases against a shared SQLite file or PostgreSQL database
 * (its URL, with DATABASE_URL set to it), so tests can race real writers (separate connections,
 * separate processes). Started by `runWorkers`; protocol over IPC:
 * the worker says `ready` once its connection is open, waits for `go`, runs its job and sends the
 * outcomes before exiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { closeDatabase, openDb, type Conn } from '@/db/client';
import { closePg, openPg } from '@/db/pg/client';
import { SYSTEM_ACTOR } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { casePresence } from '../cases/presence';
import { isAppError } from '../core/errors';
import { takeTick } from '../jobs/lease';
import { fileCase } from './fixtures';
import type { WorkerJob, WorkerOutcome } from './workers';
import { makeCtx } from '@/lib/server/core/context';
import { engineAt } from '@/db/engine';

async function attempt(fn: () => string | Promise<string>): Promise<WorkerOutcome> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code };
    return { ok: false, code: 'ERROR', message: String(error) };
  }
}

async function run(db: Conn, job: WorkerJob): Promise<WorkerOutcome[]> {
  switch (job.kind) {
    case 'file-cases': {
      const outcomes: WorkerOutcome[] = [];
      for (let i = 0; i < job.count; i++) {
        const customer = {
          documentType: 'CC' as const,
          documentNumber: `${job.tag}${i}`,
          fullName: `Peticionario ${job.tag} ${i}`,
          email: `p${job.tag}${i}@example.co`,
        };
        const now = job.now ? new Date(job.now) : new Date();
        outcomes.push(
          await attempt(async () => (await fileCase(db, { customer }, now, SYSTEM_ACTOR)).radicado),
        );
        // Requests arrive spaced out: without a pause one process would re-take the write lock
        // straight away and the others would mostly wait instead of interleaving.
        await sleep(Math.random() * 2);
      }
      return outcomes;
    }
    case 'case-action':
      return [
        await attempt(async () => {
          const done = await applyCaseAction(makeCtx(db, job.actor, new Date(job.now)), {
            caseId: job.caseId,
            ...(job.input as object),
          });
          return `${done.from}->${done.to}`;
        }),
      ];
    case 'presence':
      return [
        await attempt(async () =>
          JSON.stringify(
            await casePresence(makeCtx(db, job.actor, new Date(job.now)), {
              caseId: job.caseId,
              ...job.input,
            }),
          ),
        ),
      ];
    case 'take-tick': {
      const { job: name, holder, everyMs } = job;
      const now = new Date(job.now);
      const claim = { job: name, holder, now, everyMs, leaseMs: everyMs * 2 };
      return [await attempt(async () => ((await takeTick(db, claim)) ? 'taken' : 'skipped'))];
    }
  }
}

const [target, rawJob] = process.argv.slice(2);
if (!target || !rawJob || !process.send) throw new Error('use-case-worker: run through runWorkers');
const job = JSON.parse(rawJob) as WorkerJob;
const onPg = engineAt(target) === 'postgres';
const pgDb = onPg ? await openPg(target, { migrate: false, max: 2 }) : null;
// Connected before 'ready', so the barrier lets go of processes that can all write at once.
await pgDb?.$client.query('SELECT 1');
const sqliteDb = onPg ? null : openDb(target, { migrate: false });
const db = (pgDb ?? sqliteDb) as unknown as Conn;
process.on('message', (message) => {
  if (message !== 'go') return;
  void run(db, job).then(async (outcomes) => {
    if (pgDb) await closePg(pgDb);
    if (sqliteDb) closeDatabase(sqliteDb);
    process.send!({ type: 'done', outcomes }, () => process.exit(0));
  });
});
process.send({ type: 'ready' });
