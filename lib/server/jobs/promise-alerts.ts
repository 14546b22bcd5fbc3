import 'server-only';
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { promises } from '@/db/tables';
import { withTransaction, type Ctx } from '../core/context';
import { alertPromise } from '../notices/promise-alerts';

const HOUR = 60 * 60_000;
const BATCH = 500;

/**
 * Every 5 minutes: tells whoever owes a pending promise due within the next hour (once per
 * promise; a renegotiated promise is a new one and is announced again). Broken promises are
 * announced when break-promises records them (cases/apply-promise-action.ts).
 */
export async function sendPromiseDueAlerts(ctx: Ctx): Promise<number> {
  const { db, now } = ctx;
  const due = await db
    .select({
      id: promises.id,
      caseId: promises.caseId,
      description: promises.description,
      dueAt: promises.dueAt,
      ownerId: promises.ownerId,
      createdById: promises.createdById,
    })
    .from(promises)
    .where(
      and(
        eq(promises.status, 'pending'),
        gt(promises.dueAt, now),
        lte(promises.dueAt, new Date(now.getTime() + HOUR)),
      ),
    )
    .orderBy(asc(promises.dueAt))
    .limit(BATCH);
  let sent = 0;
  for (const promise of due) {
    sent += await withTransaction(
      ctx,
      async ({ db: tx }) =>
        await alertPromise(tx, { promise, kind: 'promise_due_soon', actorId: null, now }),
    );
  }
  return sent;
}
