/**
 * Whether an answer reached the petitioner within the legal term (DOMAIN.md §3, "on time means
 * notified"): the day it was delivered (e-mail or webhook sent, letter posted) against the due date
 * in force, extension included, both as local dates in the organisation's time zone.
 */
import { toLocalDate, type LocalDate } from './calendar';

export type DeliveryResult = 'on_time' | 'late' | 'pending' | 'overdue_undelivered';

export interface DeliveryInput {
  /** The legal due date in force (extension included); null: the type has no legal term. */
  dueDate: LocalDate | null;
  /** When the answer left (sent or posted); null while it has not. */
  deliveredAt: Date | null;
  now: Date;
  timeZone: string;
}

/**
 * 'on_time' or 'late' once delivered; before that 'pending' while the due date has not passed and
 * 'overdue_undelivered' after it: written, perhaps, but not notified (*vencido sin notificar*),
 * and nothing delivered later can be on time. Null when there is no legal term.
 */
export function deliveryResult(input: DeliveryInput): DeliveryResult | null {
  if (input.dueDate === null) return null;
  const day = toLocalDate(input.deliveredAt ?? input.now, input.timeZone);
  if (day <= input.dueDate) return input.deliveredAt ? 'on_time' : 'pending';
  return input.deliveredAt ? 'late' : 'overdue_undelivered';
}
