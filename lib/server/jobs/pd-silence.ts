import 'server-only';
import { and, asc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { REGIMES, regimeRules } from '@/lib/domain/regimes';
import { cases } from '@/db/tables';
import type { Ctx } from '../core/context';
import { applyToEach } from './apply-to-each';

const BATCH = 200;

/** Each regime whose silence is positive for some types: (regime, type in those types). */
const POSITIVE_SILENCE = REGIMES.flatMap((regime) => {
  const types = regimeRules(regime).positiveSilenceTypes;
  return types.length > 0 ? [and(eq(cases.regime, regime), inArray(cases.typeCode, types))] : [];
});

/**
 * Records as accepted by silence (Ley 1755 art. 14.1) the documents and information requests (PD)
 * whose 10 business days ran out unanswered; the effect opens the 3-day delivery duty, the holder
 * and the supervisor hear of it and the petitioner is told (case-effects, staff-alerts,
 * case-notices). Candidates: running PD cases past their due instant, not yet recorded, and under
 * a regime with positive silence (Ley 142) the types it covers: their silence is a favourable
 * answer whose effects are owed within 72 hours.
 */
export async function acceptDocumentRequestsBySilence(ctx: Ctx): Promise<number> {
  const { db, now } = ctx;
  const candidates = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        inArray(cases.state, ['radicada', 'en_tramite']),
        lt(cases.dueAt, now),
        or(eq(cases.typeCode, 'PD'), ...POSITIVE_SILENCE),
        isNull(cases.silenceAcceptedAt),
      ),
    )
    .orderBy(asc(cases.dueAt))
    .limit(BATCH);
  return applyToEach(
    ctx,
    candidates.map((c) => c.id),
    'accept_by_silence',
  );
}
