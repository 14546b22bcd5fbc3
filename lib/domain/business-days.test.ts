/**
 * The ordinal business-day index (issue 15 §3) against the plain definition, walked day by day:
 * random spans across year ends, with closure days, Saturdays worked or not, and leap years.
 */
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  countBusinessDays,
  createCalendar,
  isBusinessDay,
  nextBusinessDay,
  type BusinessCalendar,
} from './calendar';

/** Business days d with from < d ≤ to, by walking. */
function walkCount(from: string, to: string, cal: BusinessCalendar): number {
  let count = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) {
    if (isBusinessDay(d, cal)) count++;
  }
  return count;
}

/** The n-th business day after `date`, by walking. */
function walkAdd(date: string, n: number, cal: BusinessCalendar): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addCalendarDays(d, 1);
    if (isBusinessDay(d, cal)) left--;
  }
  return d;
}

/** A small deterministic generator, so a failure names the same case every run. */
function random(seed: number) {
  let state = seed;
  return (max: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % max;
  };
}

const CALENDARS: [string, BusinessCalendar][] = [
  ['Colombia, Monday to Friday', createCalendar()],
  ['Saturdays worked', createCalendar({ worksSaturday: true })],
  [
    'with closure days over a year end',
    createCalendar({ closureDays: ['2026-12-24', '2026-12-31', '2027-01-04', '2028-02-29'] }),
  ],
];

describe.each(CALENDARS)('business days by index: %s', (_name, cal) => {
  it('counts like a walk, across year ends and leap days', () => {
    const next = random(7);
    for (let i = 0; i < 400; i++) {
      const from = addCalendarDays('2024-01-01', next(1500));
      const to = addCalendarDays(from, next(900) - 100);
      expect(countBusinessDays(from, to, cal), `${from} → ${to}`).toBe(walkCount(from, to, cal));
    }
  });

  it('adds like a walk, and a count after an add gives n back', () => {
    const next = random(11);
    for (let i = 0; i < 400; i++) {
      const from = addCalendarDays('2024-01-01', next(1500));
      const n = next(600);
      const day = addBusinessDays(from, n, cal);
      expect(day, `${from} + ${n}`).toBe(walkAdd(from, n, cal));
      expect(countBusinessDays(from, day, cal)).toBe(n);
      if (n > 0) expect(isBusinessDay(day, cal)).toBe(true);
    }
  });

  it('takes the next business day over a long closure, and counts nothing backwards', () => {
    expect(nextBusinessDay('2026-12-23', cal)).toBe(walkAdd('2026-12-23', 1, cal));
    expect(countBusinessDays('2027-03-01', '2026-03-01', cal)).toBe(0);
    expect(addBusinessDays('2026-07-18', 0, cal)).toBe('2026-07-18');
  });

  it('refuses an invalid day, however often a valid one was counted before', () => {
    for (let i = 0; i < 3; i += 1)
      expect(countBusinessDays('2026-03-02', '2026-03-06', cal)).toBe(4);
    expect(() => countBusinessDays('2026-02-30', '2026-03-06', cal)).toThrow(RangeError);
    expect(() => countBusinessDays('2026-03-06', '2026-13-01', cal)).toThrow(RangeError);
    // An invalid day is refused even where the count would be 0.
    expect(() => countBusinessDays('2026-03-06', 'not a day', cal)).toThrow(RangeError);
  });
});

it('refuses a calendar with no business day for years, as before', () => {
  const closed: BusinessCalendar = {
    timeZone: 'America/Bogota',
    worksSaturday: false,
    isHoliday: () => true,
  };
  expect(() => nextBusinessDay('2026-01-01', closed)).toThrow(RangeError);
});
