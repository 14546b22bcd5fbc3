import { and, desc, eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { outbox } from '@/db/schema';
import { recordAnswerDelivery } from '../cases/answer-delivery';
import { markSent } from '../notices/sender';

/**
 * The answer of a case reaches the petitioner at `at`: its queued message is recorded sent as the
 * sender records an e-mail the server accepted (markSent), or, with nowhere to send it, the
 * petitioner is shown it on the portal. For datasets whose figures need answers delivered; the
 * delivery itself is tested end to end through SMTP (answer-delivery.test.ts).
 */
export function deliverAnswer(db: Conn, caseId: number, at: Date): void {
  const message = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), eq(outbox.kind, 'answer'), eq(outbox.status, 'pending')))
    .orderBy(desc(outbox.id))
    .get();
  if (message) markSent(db, message, at);
  else recordAnswerDelivery(db, caseId, at, 'portal');
}
