/**
 * Documents and information requests (PD, Ley 1755 de 2015 art. 14.1): unanswered within their 10
 * business days they count as accepted, the entity may no longer refuse, and the copies are owed
 * within the 3 business days that follow (DOMAIN.md §3).
 */
import { addBusinessDays, type BusinessCalendar, type LocalDate } from './calendar';

export const PD_DELIVERY_BUSINESS_DAYS = 3;

/** The description of the promise that tracks the delivery (shown by its label, like 'callback'). */
export const PD_DELIVERY_PROMISE = 'pd_delivery';

/** The last day to deliver the copies of a PD request accepted by silence on its due date. */
export function pdDeliveryDueDate(dueDate: LocalDate, cal: BusinessCalendar): LocalDate {
  return addBusinessDays(dueDate, PD_DELIVERY_BUSINESS_DAYS, cal);
}
