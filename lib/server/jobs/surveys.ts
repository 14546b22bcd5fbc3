import 'server-only';
import type { Db } from '@/db/client';
import type { CaseRow } from '../cases/case-effects';
import { enqueueCaseNotice } from '../notices/case-notices';
import { getOrganization } from '../core/organization';

const DAY = 86_400_000;
/** Asked a day after the first answer; not after a week (a late survey measures little). */
const AFTER_MS = DAY;
const UNTIL_MS = 8 * DAY;

/**
 * The satisfaction survey ("did you get what you asked for?" and how you were treated), mailed once
 * per case a day after its first answer, unless the customer already rated it.
 */
export function sendSurveys(db: Db, now: Date): number {
  const org = getOrganization(db);
  const rows = db.$client
    .prepare(
      `SELECT c.id, c.radicado, c.customer_id AS customerId, c.is_anonymous AS isAnonymous,
              c.locale, c.response_medium AS responseMedium, c.response_address AS responseAddress
       FROM cases c
       WHERE c.first_answered_at > ? AND c.first_answered_at <= ?
         AND c.state IN ('respondida', 'cerrada') AND c.is_anonymous = 0
         AND NOT EXISTS (SELECT 1 FROM result_ratings r WHERE r.case_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id AND o.kind = 'survey')`,
    )
    .all(now.getTime() - UNTIL_MS, now.getTime() - AFTER_MS) as (Pick<
    CaseRow,
    'id' | 'radicado' | 'customerId' | 'locale' | 'responseMedium' | 'responseAddress'
  > & { isAnonymous: number })[];
  let sent = 0;
  for (const row of rows) {
    const id = db.transaction((tx) =>
      enqueueCaseNotice(
        tx,
        { ...row, isAnonymous: row.isAnonymous === 1 },
        { kind: 'survey', orgName: org.name, timeZone: org.timeZone },
        { now, dedupeKey: `survey.${row.id}` },
      ),
    );
    if (id !== null) sent += 1;
  }
  return sent;
}
