import 'server-only';
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import { casePauses, cases } from '@/db/tables';
import type { Ctx } from '../core/context';
import { applyToEach } from './apply-to-each';

const DAY = 86_400_000;
const BATCH = 200;

/**
 * Closes as desistida (art. 17) the cases still waiting on the customer a month after the
 * information request; the notice goes out with the event (case-notices). Candidates are those
 * paused over 28 days; the state machine's guard decides on the exact calendar month (two when
 * the petitioner asked for the extra one).
 */
export async function withdrawTacitly(ctx: Ctx): Promise<number> {
  const { db, now } = ctx;
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  const candidates = await db
    .select({ id: cases.id })
    .from(casePauses)
    .innerJoin(cases, eq(cases.id, casePauses.caseId))
    .where(
      and(
        isNull(casePauses.resumedAt),
        // A month is at least 28 days; with the extra month asked for, two are at least 59.
        or(
          and(isNull(casePauses.moreTimeAt), lt(casePauses.pausedAt, daysAgo(28))),
          lt(casePauses.pausedAt, daysAgo(59)),
        ),
        eq(cases.state, 'requiere_informacion'),
      ),
    )
    .orderBy(asc(casePauses.pausedAt))
    .limit(BATCH);
  return applyToEach(
    ctx,
    candidates.map((c) => c.id),
    'withdraw_tacit',
  );
}
