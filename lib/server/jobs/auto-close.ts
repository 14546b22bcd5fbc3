import 'server-only';
import { and, asc, eq, lt } from 'drizzle-orm';
import { cases } from '@/db/tables';
import { getOrganization } from '../core/organization';
import type { Ctx } from '../core/context';
import { applyToEach } from './apply-to-each';

const DAY = 86_400_000;
const BATCH = 500;
/** A complaint still without its process and root cause is refused as VALIDATION: it waits. */
const SKIPPED = new Set(['INVALID_TRANSITION', 'VALIDATION', 'CONFLICT'] as const);

/**
 * Closes answered cases once the customer's window to disagree (business days, organisation
 * setting) is over. The state machine decides on the exact window; a Queja or Reclamo still
 * without its originating process and root cause stays answered for an agent to classify.
 * Candidates: answered more calendar days ago than the window has business days.
 */
export async function autoCloseAnswered(ctx: Ctx): Promise<number> {
  const { db, now } = ctx;
  const { disagreementWindowDays } = await getOrganization(db);
  const candidates = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.state, 'respondida'),
        lt(cases.answeredAt, new Date(now.getTime() - disagreementWindowDays * DAY)),
      ),
    )
    .orderBy(asc(cases.answeredAt))
    .limit(BATCH);
  return applyToEach(
    ctx,
    candidates.map((c) => c.id),
    'auto_close',
    SKIPPED,
  );
}
