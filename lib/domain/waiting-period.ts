/**
 * Art. 17: a petitioner asked for missing information has one calendar month to answer (one more if
 * they ask for it); after that the case ends as withdrawn (desistimiento tácito).
 */
import { isValidLocalDate, toLocalDate, type LocalDate } from './calendar';

/** The same day `months` calendar months later, clamped to the month's last day (31 Jan → 28 Feb). */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  if (!isValidLocalDate(date)) throw new RangeError(`invalid local date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The last local day the petitioner may still answer: `months` after the request (one under Ley
 * 1755, two for an incomplete habeas-data claim under Ley 1581 art. 15), one more when asked for.
 */
export function waitingPeriodEnd(
  pausedAt: Date,
  timeZone: string,
  isExtended = false,
  months = 1,
): LocalDate {
  return addCalendarMonths(toLocalDate(pausedAt, timeZone), months + (isExtended ? 1 : 0));
}

/** True from the day after the waiting period's last day. */
export function isWaitingPeriodOver(
  pausedAt: Date,
  now: Date,
  timeZone: string,
  isExtended = false,
  months = 1,
): boolean {
  return toLocalDate(now, timeZone) > waitingPeriodEnd(pausedAt, timeZone, isExtended, months);
}
