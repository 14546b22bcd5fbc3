const DAY = { day: 'numeric', month: 'short', year: 'numeric' } as const;
const DAY_LONG = { day: 'numeric', month: 'long', year: 'numeric' } as const;
const TIME = { hour: 'numeric', minute: '2-digit' } as const;

/**
 * The app's date forms (issue 17 §2): one short and one long, each with or without the time, the
 * same in every page: es «5 dic 2026», «5 de diciembre de 2026», «5 dic 2026, 18:47»; en «Dec 5,
 * 2026», «December 5, 2026», «Dec 5, 2026, 6:47 PM». Pages name them (`format.dateTime(d, 'day')`)
 * instead of writing their own options; a local date (YYYY-MM-DD) is formatted at noon UTC with
 * `{ timeZone: 'UTC' }`. Spelled out field by field: a dateStyle differs between es and es-CO.
 */
export const DATE_TIME_FORMATS = {
  day: DAY,
  dayLong: DAY_LONG,
  instant: { ...DAY, ...TIME },
  instantLong: { ...DAY_LONG, ...TIME },
  /** A time of day to the second, for "updated at" lines that refresh. */
  clock: { ...TIME, second: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateForm = keyof typeof DATE_TIME_FORMATS;

/** What next-intl's formatters and the request config take (`formats`). */
export const FORMATS = { dateTime: DATE_TIME_FORMATS };

/** What `calendarDate` needs of next-intl's formatter (server's `getFormatter` or client's). */
interface DateTimeFormatter {
  dateTime(value: Date, form: DateForm, overrides: { timeZone: string }): string;
}

/**
 * A calendar date (`YYYY-MM-DD`, already the organisation's day: a due date, a period's ends) in
 * one of the day forms. Formatted at noon UTC in UTC, so no time zone moves it to another day.
 */
export function calendarDate(
  format: DateTimeFormatter,
  date: string,
  form: 'day' | 'dayLong' = 'day',
): string {
  return format.dateTime(new Date(`${date}T12:00:00Z`), form, { timeZone: 'UTC' });
}
