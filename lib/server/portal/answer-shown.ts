import 'server-only';
import { recordAnswerDelivery } from '../cases/answer-delivery';
import { caseRowById } from '../cases/case-id';
import { withTransaction, type Ctx } from '../core/context';
import { petitionerCaseId } from './petitioner-access';

/**
 * The petitioner was shown their answer on the portal (their case page, opened with the access
 * code or their link): that is a delivery too (DOMAIN.md §3), the first one counting. Only the
 * petitioner's own view counts; staff looking at the case deliver nothing. Answers true when this
 * view was the delivery.
 */
export async function noteAnswerShown(ctx: Ctx): Promise<boolean> {
  const caseId = petitionerCaseId(ctx);
  // Read first: most views come after the delivery and need no write lock.
  const row = await caseRowById(ctx.db).get({ id: caseId });
  if (!row?.firstAnsweredAt || row.answerDeliveredAt) return false;
  return withTransaction(
    ctx,
    async ({ db: tx, now }) => await recordAnswerDelivery(tx, caseId, now, 'portal'),
  );
}
