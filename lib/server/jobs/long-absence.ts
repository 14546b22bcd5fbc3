import 'server-only';
import { and, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import { cases, staffUsers } from '@/db/tables';
import { OPEN_STATES } from '@/lib/domain/enums';
import { env } from '@/lib/env';
import { withTransaction, type Ctx } from '../core/context';
import { returnCasesToQueue } from '../routing/return-to-queue';

const HOUR = 3_600_000;

/**
 * Issue 14 §2: a person away for longer than AWAY_RETURN_HOURS gets their open cases returned to
 * the team's queue (each case's history says why; the team's supervisor hears of it), so nothing
 * waits on someone who is not there. A case assigned to them again while they are still away goes
 * back on the next run. One transaction per person; returns how many cases went back.
 */
export async function returnCasesOfLongAbsence(
  ctx: Ctx,
  hours: number = env().AWAY_RETURN_HOURS,
): Promise<number> {
  const since = new Date(ctx.now.getTime() - hours * HOUR);
  const away = await ctx.db
    .selectDistinct({ id: staffUsers.id })
    .from(staffUsers)
    .innerJoin(
      cases,
      and(eq(cases.assigneeId, staffUsers.id), inArray(cases.state, [...OPEN_STATES])),
    )
    .where(
      and(
        eq(staffUsers.isAvailable, false),
        isNotNull(staffUsers.awaySince),
        lte(staffUsers.awaySince, since),
      ),
    );
  let returned = 0;
  for (const { id } of away) {
    returned += await withTransaction(ctx, async (tx) => await returnCasesToQueue(tx, id, 'away'));
  }
  return returned;
}
