import 'server-only';
import { surveyCandidates } from '@/db/sql/surveys';
import * as pgJobs from '@/db/pg/job-reads';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import { withTransaction, type Ctx } from '../core/context';
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
export async function sendSurveys(ctx: Ctx): Promise<number> {
  const { db, now } = ctx;
  const org = await getOrganization(db);
  const [after, until] = [now.getTime() - UNTIL_MS, now.getTime() - AFTER_MS];
  const rows = isPg(db)
    ? await pgJobs.surveyCandidates(pgQueryable(db), after, until)
    : await surveyCandidates(db, after, until);
  let sent = 0;
  for (const row of rows) {
    const id = await withTransaction(
      ctx,
      async (tx) =>
        await enqueueCaseNotice(
          tx.db,
          { ...row, isAnonymous: row.isAnonymous === 1 },
          { kind: 'survey', orgName: org.name, timeZone: org.timeZone },
          { now, dedupeKey: `survey.${row.id}` },
        ),
    );
    if (id !== null) sent += 1;
  }
  return sent;
}
