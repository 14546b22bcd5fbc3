import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/server/auth/session';

export interface ViewBenchContext {
  db: Db;
  /** The first active supervisor of the scale seed, as the session would give it. */
  supervisor: StaffActor;
  now: Date;
}

/**
 * One supervisor view as its page computes it (every query the page runs), timed by `npm run bench`
 * against the 500 ms target. `run` resolves to a count that shows the work was real (rows, cases).
 */
export interface ViewBench {
  name: string;
  run: (ctx: ViewBenchContext) => number | null | Promise<number | null>;
}
