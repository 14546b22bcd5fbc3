/**
 * The business calendar (DOMAIN.md §3): local calendar days in the organisation's time zone,
 * weekends, national holidays and the organisation's own closure days.
 *
 * Pure: no clock reads; every instant is a parameter. A `LocalDate` is a 'YYYY-MM-DD' string, so
 * local dates compare correctly with `<` and `>` (years 0000–9999).
 */
import { nationalHolidayDates, type LocalDate } from './holidays';
import { CALENDAR_YEARS, isValidLocalDate } from './local-date';

export { CALENDAR_YEARS, isValidLocalDate };
import { getFormatter, offsetAt, wallClockAt } from './zone-clock';

/** A calendar day in the organisation's time zone, 'YYYY-MM-DD'. */
export type { LocalDate };

export interface BusinessCalendar {
  readonly timeZone: string;
  readonly worksSaturday: boolean;
  /** True for national holidays and for the organisation's closure days (día cívico, suspensión). */
  isHoliday(date: LocalDate): boolean;
}

export const DEFAULT_TIME_ZONE = 'America/Bogota';

const DAY_MS = 86_400_000;
/** Longest run of non-business days we accept before deciding the calendar is broken. */
const MAX_CLOSED_RUN_DAYS = 3_660;

export function createCalendar(
  opts: {
    timeZone?: string;
    worksSaturday?: boolean;
    closureDays?: Iterable<LocalDate>;
    holidaysForYear?: (year: number) => Iterable<LocalDate>;
  } = {},
): BusinessCalendar {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  getFormatter(timeZone); // throws RangeError now rather than on first use
  const closures = new Set<LocalDate>();
  for (const day of opts.closureDays ?? []) closures.add(assertLocalDate(day));
  const loadYear = opts.holidaysForYear ?? nationalHolidayDates;
  const holidaysByYear = new Map<number, ReadonlySet<LocalDate>>();

  function holidaysOf(year: number): ReadonlySet<LocalDate> {
    let holidays = holidaysByYear.get(year);
    if (!holidays) {
      holidays = new Set(loadYear(year));
      holidaysByYear.set(year, holidays);
    }
    return holidays;
  }

  return {
    timeZone,
    worksSaturday: opts.worksSaturday ?? false,
    isHoliday(date: LocalDate): boolean {
      const [year] = parseLocalDate(date);
      return closures.has(date) || holidaysOf(year).has(date);
    },
  };
}

function assertLocalDate(date: LocalDate): LocalDate {
  if (!isValidLocalDate(date)) throw new RangeError(`Invalid local date: ${JSON.stringify(date)}`);
  return date;
}

function parseLocalDate(date: LocalDate): [number, number, number] {
  assertLocalDate(date);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Milliseconds since the epoch of `date` 00:00 read as if it were UTC. */
function utcMidnightOf(date: LocalDate): number {
  const [year, month, day] = parseLocalDate(date);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return utc.getTime();
}

function formatUtcDate(ms: number): LocalDate {
  const d = new Date(ms);
  return formatParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function formatParts(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function toLocalDate(instant: Date, timeZone: string): LocalDate {
  const w = wallClockAt(instant, timeZone);
  return formatParts(w.year, w.month, w.day);
}

export function localHour(instant: Date, timeZone: string): number {
  return wallClockAt(instant, timeZone).hour;
}

/** The first instant of `date` in `timeZone` (local midnight, or the end of a DST gap that swallows it). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const midnight = utcMidnightOf(date);
  // The offset at a guess can differ from the offset at the answer across a DST change: re-check it.
  const firstGuess = midnight - offsetAt(midnight, timeZone);
  const secondGuess = midnight - offsetAt(firstGuess, timeZone);
  const candidates = [firstGuess, secondGuess]
    .filter((ms) => toLocalDate(new Date(ms), timeZone) === date)
    .sort((a, b) => a - b);
  const found = candidates[0];
  if (found !== undefined) {
    const w = wallClockAt(new Date(found), timeZone);
    if (w.hour === 0 && w.minute === 0 && w.second === 0) return new Date(found);
  }
  return searchFirstInstantOf(date, timeZone, midnight);
}

/** Fallback for days whose midnight does not exist: binary search over every possible offset. */
function searchFirstInstantOf(date: LocalDate, timeZone: string, midnight: number): Date {
  let before = midnight - 15 * 3_600_000; // no zone is ahead of UTC+14
  let atOrAfter = midnight + 13 * 3_600_000; // nor behind UTC−12
  while (atOrAfter - before > 1) {
    const mid = Math.floor((before + atOrAfter) / 2);
    if (toLocalDate(new Date(mid), timeZone) >= date) atOrAfter = mid;
    else before = mid;
  }
  return new Date(atOrAfter);
}

/** The last millisecond of `date` in `timeZone`. */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addCalendarDays(date, 1), timeZone).getTime() - 1);
}

export function addCalendarDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Day count must be an integer: ${n}`);
  return formatUtcDate(utcMidnightOf(date) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(utcMidnightOf(date)).getUTCDay();
}

export function isBusinessDay(date: LocalDate, cal: BusinessCalendar): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 0) return false;
  if (weekday === 6 && !cal.worksSaturday) return false;
  return !cal.isHoliday(date);
}

/**
 * Business days as ordinals (issue 15 §3): for each year a calendar is asked about, the running
 * count of its business days by day of the year, built once per calendar and year (a calendar is
 * immutable). Counting between two days is then a subtraction per year crossed, and adding n
 * business days a binary search, instead of a walk day by day.
 */
interface YearIndex {
  /** running[i]: business days among the year's first i days (running[0] = 0). */
  running: Uint16Array;
  total: number;
  /** UTC midnight of 1 January. */
  startMs: number;
}

const indexes = new WeakMap<BusinessCalendar, Map<number, YearIndex>>();

function yearIndex(cal: BusinessCalendar, year: number): YearIndex {
  let years = indexes.get(cal);
  if (!years) indexes.set(cal, (years = new Map()));
  let index = years.get(year);
  if (!index) {
    const startMs = utcMidnightOf(formatParts(year, 1, 1));
    const days = Math.round((utcMidnightOf(formatParts(year + 1, 1, 1)) - startMs) / DAY_MS);
    const running = new Uint16Array(days + 1);
    for (let i = 1; i <= days; i++) {
      running[i] =
        running[i - 1]! + (isBusinessDay(formatUtcDate(startMs + (i - 1) * DAY_MS), cal) ? 1 : 0);
    }
    index = { running, total: running[days]!, startMs };
    years.set(year, index);
  }
  return index;
}

/** Days already placed by `yearAndDay`; forgotten all at once past the bound. */
const placed = new Map<LocalDate, readonly [number, number]>();
const PLACED_LIMIT = 20_000;

/**
 * The year of `date` and its day of that year (1 = 1 January); throws on an invalid date. Kept per
 * date: a queue page or a board asks about the same few hundred days again and again, and placing
 * one parses and validates it twice.
 */
function yearAndDay(date: LocalDate): readonly [number, number] {
  const known = placed.get(date);
  if (known) return known;
  const year = Number(date.slice(0, 4));
  const day =
    Math.round((utcMidnightOf(date) - utcMidnightOf(formatParts(year, 1, 1))) / DAY_MS) + 1;
  if (placed.size >= PLACED_LIMIT) placed.clear();
  const place = [year, day] as const;
  placed.set(date, place);
  return place;
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: LocalDate, cal: BusinessCalendar): LocalDate {
  return addBusinessDays(date, 1, cal);
}

/** The n-th business day strictly after `date`; n = 0 returns `date` itself. */
export function addBusinessDays(date: LocalDate, n: number, cal: BusinessCalendar): LocalDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`Business days must be a whole number ≥ 0: ${n}`);
  assertLocalDate(date);
  if (n === 0) return date;
  let [year, day] = yearAndDay(date);
  let index = yearIndex(cal, year);
  // The wanted day is the first whose running count reaches this, counted within `year`.
  let target = index.running[day]! + n;
  let closedYears = 0;
  while (target > index.total) {
    closedYears = index.total === 0 ? closedYears + 1 : 0;
    if (closedYears * 366 > MAX_CLOSED_RUN_DAYS) {
      throw new RangeError(`No business day within ${MAX_CLOSED_RUN_DAYS} days after ${date}`);
    }
    target -= index.total;
    year += 1;
    index = yearIndex(cal, year);
  }
  let low = 1;
  let high = index.running.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (index.running[mid]! >= target) high = mid;
    else low = mid + 1;
  }
  day = low;
  return formatUtcDate(index.startMs + (day - 1) * DAY_MS);
}

/** Business days d with from < d ≤ to; 0 when to ≤ from. */
export function countBusinessDays(from: LocalDate, to: LocalDate, cal: BusinessCalendar): number {
  // Both are validated as they are placed (or were when first placed).
  const [fromYear, fromDay] = yearAndDay(from);
  const [toYear, toDay] = yearAndDay(to);
  if (to <= from) return 0;
  let count = yearIndex(cal, toYear).running[toDay]! - yearIndex(cal, fromYear).running[fromDay]!;
  for (let year = fromYear; year < toYear; year++) count += yearIndex(cal, year).total;
  return count;
}
