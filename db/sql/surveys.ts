import { sql } from 'drizzle-orm';
import type { Locale, ResponseMedium } from '@/lib/domain/enums';
import type { Conn } from '../client';

/** A case whose first answer is old enough for its survey, as the notice needs it. */
export interface SurveyCandidate {
  id: number;
  radicado: string;
  customerId: number | null;
  isAnonymous: number;
  locale: Locale;
  responseMedium: ResponseMedium;
  responseAddress: string | null;
}

/**
 * Answered or closed, named cases first answered in (`afterMs`, `untilMs`], not yet rated and not
 * yet surveyed.
 */
export async function surveyCandidates(
  db: Conn,
  afterMs: number,
  untilMs: number,
): Promise<SurveyCandidate[]> {
  return await db.all<SurveyCandidate>(
    sql`SELECT c.id, c.radicado, c.customer_id AS customerId, c.is_anonymous AS isAnonymous,
              c.locale, c.response_medium AS responseMedium, c.response_address AS responseAddress
       FROM cases c
       WHERE c.first_answered_at > ${afterMs} AND c.first_answered_at <= ${untilMs}
         AND c.state IN ('respondida', 'cerrada') AND c.is_anonymous = 0
         AND NOT EXISTS (SELECT 1 FROM result_ratings r WHERE r.case_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id AND o.kind = 'survey')`,
  );
}
