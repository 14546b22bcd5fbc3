import 'server-only';
import { changesOf, first } from '@/db/rows';
import { and, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases } from '@/db/tables';
import type { AnswerDeliveryMedium } from '@/lib/domain/enums';

/**
 * "On time means notified" (DOMAIN.md §3): a case's legal result is decided when its answer reaches
 * the petitioner, not when it is written. Every way an answer arrives records it here, in the
 * transaction that learns of it: the sender when the e-mail server accepts the message or the
 * channel acknowledges the webhook (notices/sender.ts), staff when the letter is posted
 * (record-postal-delivery.ts, letters/notice-letter.ts), the portal when the petitioner is shown it.
 *
 * The first delivery counts; a later one (the same answer read on the portal after the e-mail) changes
 * nothing. A posting day entered again corrects the record (`correct`). On time: delivered by the end
 * of the due day in force (extension included); a case with no legal term has no result.
 */
export async function recordAnswerDelivery(
  tx: Conn,
  caseId: number,
  at: Date,
  via: AnswerDeliveryMedium,
  options: { correct?: boolean } = {},
): Promise<boolean> {
  const row = await first(
    tx
      .select({
        dueAt: cases.dueAt,
        firstAnsweredAt: cases.firstAnsweredAt,
        deliveredAt: cases.answerDeliveredAt,
      })
      .from(cases)
      .where(eq(cases.id, caseId)),
  );
  if (!row?.firstAnsweredAt) return false;
  if (row.deliveredAt && !options.correct) return false;
  await tx
    .update(cases)
    .set({
      answerDeliveredAt: at,
      answerDeliveredVia: via,
      answeredOnTime: row.dueAt ? at.getTime() <= row.dueAt.getTime() : null,
    })
    .where(eq(cases.id, caseId));
  return true;
}

/**
 * Answers written but still undelivered when their due date ends read *vencido sin notificar*: their
 * legal result is fixed as late (a delivery after the due date cannot be on time). Run by the
 * `cases.undelivered_overdue` job; the partial index cases_undelivered_due_idx keeps it cheap.
 */
export async function markUndeliveredOverdue(tx: Conn, now: Date): Promise<number> {
  return changesOf(
    await tx
      .update(cases)
      .set({ answeredOnTime: false })
      .where(
        and(
          isNotNull(cases.firstAnsweredAt),
          isNull(cases.answerDeliveredAt),
          isNull(cases.answeredOnTime),
          lt(cases.dueAt, now),
        ),
      ),
  );
}
