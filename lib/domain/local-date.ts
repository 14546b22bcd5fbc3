/**
 * What a calendar day written YYYY-MM-DD may be, with nothing else of the calendar (no holidays):
 * the forms' schemas check dates with it in the browser too (validation/fields.ts).
 */
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years the business calendar answers for (holidays, terms, periods): far wider than any case,
 * narrow enough that a period's end plus its term or a year's holidays never leave it.
 */
export const CALENDAR_YEARS = { min: 1900, max: 2199 } as const;

/** A real day of the calendar's years, written YYYY-MM-DD. */
export function isValidLocalDate(s: string): boolean {
  const match = LOCAL_DATE_PATTERN.exec(s);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) return false;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return (
    utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day
  );
}
