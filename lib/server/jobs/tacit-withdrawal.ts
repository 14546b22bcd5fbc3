import 'server-only';
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { casePauses, cases } from '@/db/schema';
import { applyCaseAction } from '../cases/apply-case-action';
import { isAppError } from '../core/errors';
import type { Ctx } from '../core/context';

const DAY = 86_400_000;
const BATCH = 200;

/**
 * Closes as desistida (art. 17) the cases still waiting on the customer a month after the
 * information request; the notice goes out with the event (case-notices). Candidates are those
 * paused over 28 days; the state machine's guard decides on the exact calendar month.
 */
export async function withdrawTacitly(ctx: Ctx): Promise<number> {
  const { db, now } = ctx;
  const candidates = db
    .select({ id: cases.id })
    .from(casePauses)
    .innerJoin(cases, eq(cases.id, casePauses.caseId))
    .where(
      and(
        isNull(casePauses.resumedAt),
        lt(casePauses.pausedAt, new Date(now.getTime() - 28 * DAY)),
        eq(cases.state, 'requiere_informacion'),
      ),
    )
    .orderBy(asc(casePauses.pausedAt))
    .limit(BATCH)
    .all();
  let done = 0;
  for (const { id } of candidates) {
    try {
      await applyCaseAction(ctx, {
        caseId: id,
        action: 'withdraw_tacit',
      });
      done += 1;
    } catch (error) {
      if (
        !isAppError(error) ||
        (error.code !== 'INVALID_TRANSITION' && error.code !== 'CONFLICT')
      ) {
        throw error;
      }
    }
  }
  return done;
}
