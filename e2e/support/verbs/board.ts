import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import { JOBS } from '@/lib/server/jobs';
import type { AreaVerbs } from './types';

/** Server verbs the board specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {
  /** Runs one scheduled job now, as the scheduler would (the e2e server runs none: JOBS=off). */
  'run-job': async (args, db) => {
    const job = JOBS.find((j) => j.name === args.name);
    if (!job) throw new Error(`no job named ${args.name}`);
    return { result: (await job.run(makeCtx(db, SYSTEM_ACTOR, new Date()))) ?? null };
  },
};
