import type { Conn } from '@/db/client';
import { recordAnswerDelivery } from '../cases/answer-delivery';
import { markAnswerSent } from '../notices/sender';

/**
 * The answer of a case reaches the petitioner at `at`: its queued message is recorded sent as the
 * sender records an e-mail the server accepted (markAnswerSent), or, with nowhere to send it, the
 * petitioner is shown it on the portal. For datasets whose figures need answers delivered; the
 * delivery itself is tested end to end through SMTP (answer-delivery.test.ts).
 */
export async function deliverAnswer(db: Conn, caseId: number, at: Date): Promise<void> {
  if (!(await markAnswerSent(db, caseId, at))) await recordAnswerDelivery(db, caseId, at, 'portal');
}
