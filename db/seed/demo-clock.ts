/**
 * Times for the demo's case histories: office-hours instants on business days, always before `now`,
 * in the organisation's time zone.
 */
import {
  addBusinessDays,
  addCalendarDays,
  isBusinessDay,
  nextBusinessDay,
  startOfLocalDay,
  toLocalDate,
  type BusinessCalendar,
  type LocalDate,
} from '@/lib/domain/calendar';
import type { Random } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export class DemoClock {
  readonly timeZone: string;
  readonly today: LocalDate;

  constructor(
    readonly cal: BusinessCalendar,
    readonly now: Date,
    private readonly rnd: Random,
  ) {
    this.timeZone = cal.timeZone;
    this.today = toLocalDate(now, cal.timeZone);
  }

  dateOf(instant: Date): LocalDate {
    return toLocalDate(instant, this.timeZone);
  }

  /** `minutes` after local midnight of `date`. */
  at(date: LocalDate, minutes: number): Date {
    return new Date(startOfLocalDay(date, this.timeZone).getTime() + minutes * MINUTE);
  }

  /**
   * A random instant on `date` between `fromMinute` and `toMinute` (local), strictly after `after`
   * and before now; null when that window is empty. Early in the window, so later steps still fit.
   */
  timeOn(date: LocalDate, after: Date, fromMinute: number, toMinute: number): Date | null {
    const from = Math.max(this.at(date, fromMinute).getTime(), after.getTime() + 5 * MINUTE);
    const to = Math.min(this.at(date, toMinute).getTime(), this.now.getTime() - MINUTE);
    if (from >= to) return null;
    const span = Math.min(to - from, 4 * HOUR);
    return new Date(from + Math.floor(this.rnd.next() * span));
  }

  /** An office-hours instant on `date` (08:00–17:30), after `after`, before now. */
  workTime(date: LocalDate, after: Date): Date | null {
    return this.timeOn(date, after, 8 * 60, 17 * 60 + 30);
  }

  /** Any waking hour (07:00–21:30): when customers write. */
  anyTime(date: LocalDate, after: Date): Date | null {
    return this.timeOn(date, after, 7 * 60, 21 * 60 + 30);
  }

  /** The business day `k` business days after `date`; k = 0 is `date` itself when it is one. */
  businessDay(date: LocalDate, k: number): LocalDate {
    if (k === 0) return isBusinessDay(date, this.cal) ? date : nextBusinessDay(date, this.cal);
    return addBusinessDays(date, k, this.cal);
  }

  /**
   * An office-hours instant `minBd`–`maxBd` business days after `after` (0: the same day), trying
   * later days when the drawn one has no room left; null when nothing fits before now.
   */
  workAfter(after: Date, minBd: number, maxBd: number): Date | null {
    const base = this.dateOf(after);
    const first = this.rnd.int(minBd, maxBd);
    for (let k = first; k < first + 4; k++) {
      const date = this.businessDay(base, k);
      if (date > this.today) return null;
      const instant = this.workTime(date, after);
      if (instant) return instant;
    }
    return null;
  }

  /** A customer's instant `minDays`–`maxDays` calendar days after `after`; null if not before now. */
  customerAfter(after: Date, minDays: number, maxDays: number): Date | null {
    const date = addCalendarDays(this.dateOf(after), this.rnd.int(minDays, maxDays));
    if (date > this.today) return null;
    return this.anyTime(date, after);
  }

  /** Business days from `from` through `to`, both included when they are business days. */
  businessDaysBetween(from: LocalDate, to: LocalDate): LocalDate[] {
    const days: LocalDate[] = [];
    for (let day = this.businessDay(from, 0); day <= to; day = nextBusinessDay(day, this.cal)) {
      days.push(day);
    }
    return days;
  }

  /**
   * An office-hours instant on one of `days` (tried from a random one onwards), after `after` and
   * before now; null when none fits.
   */
  workOnOneOf(days: readonly LocalDate[], after: Date): Date | null {
    if (days.length === 0) return null;
    const start = this.rnd.int(0, days.length - 1);
    for (let i = 0; i < days.length; i++) {
      const day = days[(start + i) % days.length] as LocalDate;
      if (day > this.today) continue;
      const instant = this.workTime(day, after);
      if (instant) return instant;
    }
    return null;
  }
}
