import 'server-only';
import { and, asc, eq, lt } from 'drizzle-orm';
import { promises } from '@/db/tables';
import { applyPromiseAction } from '../cases/apply-promise-action';
import { isAppError } from '../core/errors';
import type { Ctx } from '../core/context';

const BATCH = 500;

/**
 * Records as broken every pending promise whose time has passed (it already reads as broken
 * everywhere; this writes it down with its audit event). Each promise in its own transaction; a
 * promise kept meanwhile by an agent is left alone.
 */
export async function breakOverduePromises(ctx: Ctx): Promise<number> {
  const { db, now } = ctx;
  const due = await db
    .select({ id: promises.id })
    .from(promises)
    .where(and(eq(promises.status, 'pending'), lt(promises.dueAt, now)))
    .orderBy(asc(promises.dueAt))
    .limit(BATCH);
  let done = 0;
  for (const { id } of due) {
    try {
      await applyPromiseAction(ctx, { promiseId: id, action: 'break' });
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
