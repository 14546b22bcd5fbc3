import 'server-only';
import type { Conn } from '@/db/client';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx, requestCtx } from '../core/context';
import { scheduledJobs, type Job } from './';
import { INSTANCE_ID, takeTick } from './lease';

const CHECK_EVERY_MS = 30_000;
/** The first pass waits a little, so a starting server answers requests first. */
const FIRST_PASS_AFTER_MS = 10_000;

export { INSTANCE_ID } from './lease';

/**
 * One pass: every job whose current tick nobody has taken yet runs here, if the lease says so
 * (jobs/lease.ts). Returns the names of the jobs this instance ran.
 */
export async function runDueJobs(
  db: Conn,
  now: Date,
  holder: string = INSTANCE_ID,
  jobs: readonly Job[] = scheduledJobs(),
): Promise<string[]> {
  const ctx = makeCtx(db, SYSTEM_ACTOR, now);
  const ran: string[] = [];
  for (const job of jobs) {
    if (
      !(await takeTick(db, {
        job: job.name,
        holder,
        now,
        everyMs: job.everyMs,
        leaseMs: job.everyMs * 2,
      }))
    ) {
      continue;
    }
    try {
      await job.run(ctx);
      ran.push(job.name);
    } catch (error) {
      console.error(`job ${job.name}:`, error);
    }
  }
  return ran;
}

/** Starts the scheduler with the server (instrumentation.ts); returns a stop function. */
export function startJobRunner(): () => void {
  let running = false;
  // A pass still at work when the next tick comes is left to finish: passes never overlap.
  const pass = () => {
    if (running) return;
    running = true;
    const { db, now } = requestCtx(SYSTEM_ACTOR);
    runDueJobs(db, now)
      .catch((error: unknown) => console.error('jobs:', error))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(pass, CHECK_EVERY_MS);
  timer.unref();
  const first = setTimeout(pass, FIRST_PASS_AFTER_MS);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
