import 'server-only';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { promises } from '@/db/schema';
import { SYSTEM_ACTOR } from '../core/actor';
import { applyPromiseAction } from '../cases/apply-promise-action';
import { isAppError } from '../core/errors';
import { makeCtx } from '@/lib/server/core/context';

const BATCH = 500;

/**
 * Records as broken every pending promise whose time has passed (it already reads as broken
 * everywhere; this writes it down with its audit event). Each promise in its own transaction; a
 * promise kept meanwhile by an agent is left alone.
 */
export async function breakOverduePromises(db: Db, now: Date): Promise<number> {
  const due = db
    .select({ id: promises.id })
    .from(promises)
    .where(and(eq(promises.status, 'pending'), lt(promises.dueAt, now)))
    .orderBy(asc(promises.dueAt))
    .limit(BATCH)
    .all();
  let done = 0;
  for (const { id } of due) {
    try {
      await applyPromiseAction(makeCtx(db, SYSTEM_ACTOR, now), { promiseId: id, action: 'break' });
      done += 1;
    } catch (error) {
      if (
        !isAppError(error) ||
        (error.code !== 'CONFLICT' && error.code !== 'INVALID_TRANSITION')
      ) {
        throw error;
      }
    }
  }
  return done;
}
