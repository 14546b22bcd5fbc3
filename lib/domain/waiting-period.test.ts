import { describe, expect, it } from 'vitest';
import { addCalendarMonths, isWaitingPeriodOver, waitingPeriodEnd } from './waiting-period';

const TZ = 'America/Bogota';

describe('addCalendarMonths', () => {
  it.each([
    ['2026-03-13', 1, '2026-04-13'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-11-30', 2, '2027-01-30'],
    ['2026-05-31', 1, '2026-06-30'],
  ])('%s + %i month(s) = %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('rejects an invalid date', () => {
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('waiting period for tacit withdrawal', () => {
  // Requested Friday 2026-03-13 at 16:30 Bogotá time (21:30 UTC).
  const pausedAt = new Date('2026-03-13T21:30:00Z');

  it('lasts one calendar month in the organisation time zone', () => {
    expect(waitingPeriodEnd(pausedAt, TZ)).toBe('2026-04-13');
    expect(waitingPeriodEnd(pausedAt, TZ, true)).toBe('2026-05-13');
  });

  it('is not over on its last day, and is over the day after', () => {
    expect(isWaitingPeriodOver(pausedAt, new Date('2026-04-14T04:59:00Z'), TZ)).toBe(false);
    expect(isWaitingPeriodOver(pausedAt, new Date('2026-04-14T05:00:00Z'), TZ)).toBe(true);
  });

  it('counts a request made late at night by its local day, not the UTC one', () => {
    const lateNight = new Date('2026-01-31T04:30:00Z'); // 2026-01-30 23:30 in Bogotá
    expect(waitingPeriodEnd(lateNight, TZ)).toBe('2026-02-28');
  });

  it('gives one more month when the petitioner asked for it', () => {
    const now = new Date('2026-04-20T15:00:00Z');
    expect(isWaitingPeriodOver(pausedAt, now, TZ)).toBe(true);
    expect(isWaitingPeriodOver(pausedAt, now, TZ, true)).toBe(false);
  });
});
