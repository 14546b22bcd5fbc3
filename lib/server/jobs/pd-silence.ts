import 'server-only';
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { cases } from '@/db/schema';
import type { Ctx } from '../core/context';
import { applyToEach } from './apply-to-each';

const BATCH = 200;

/**
 * Records as accepted by silence (Ley 1755 art. 14.1) the documents and information requests (PD)
 * whose 10 business days ran out unanswered; the effect opens the 3-day delivery duty, the holder
 * and the supervisor hear of it and the petitioner is told (case-effects, staff-alerts,
 * case-notices). Candidates: running PD cases past their due instant, not yet recorded.
 */
export async function acceptDocumentRequestsBySilence(ctx: Ctx): Promise<number> {
  const { db, now } = ctx;
  const candidates = db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        inArray(cases.state, ['radicada', 'en_tramite']),
        lt(cases.dueAt, now),
        eq(cases.typeCode, 'PD'),
        isNull(cases.silenceAcceptedAt),
      ),
    )
    .orderBy(asc(cases.dueAt))
    .limit(BATCH)
    .all();
  return applyToEach(
    ctx,
    candidates.map((c) => c.id),
    'accept_by_silence',
  );
}
