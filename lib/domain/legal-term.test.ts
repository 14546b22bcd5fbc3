import { describe, expect, it } from 'vitest';

import { createCalendar, nextBusinessDay } from './calendar';
import { at, cal, example, FRIDAY_FILING, pause } from './legal-term.fixture';
import {
  AT_RISK_BUSINESS_DAYS,
  type LegalTermInput,
  type Pause,
  type ReceiptRule,
  type DeadlineStatus,
  businessDaysUsed,
  computeLegalTerm,
  countedBusinessDay,
  deadlineStatus,
  termStartDate,
} from './legal-term';

describe('termStartDate', () => {
  const nextDay = { kind: 'next_business_day' } as const;
  const closing16 = { kind: 'next_business_day', closingHour: 16 } as const;

  it.each<[string, string, ReceiptRule | undefined, string]>([
    ['default: a Friday filing', FRIDAY_FILING, undefined, '2026-03-13'],
    ['default: a Saturday filing', '2026-03-14T10:00:00-05:00', undefined, '2026-03-14'],
    [
      'default: 23:30 on 31 Dec (04:30 UTC on 1 Jan)',
      '2026-12-31T23:30:00-05:00',
      undefined,
      '2026-12-31',
    ],
    ['next day: Saturday', '2026-03-14T10:00:00-05:00', nextDay, '2026-03-16'],
    ['next day: Sunday', '2026-03-15T10:00:00-05:00', nextDay, '2026-03-16'],
    ['next day: San José holiday', '2026-03-23T10:00:00-05:00', nextDay, '2026-03-24'],
    ['next day: Friday, no closing hour', FRIDAY_FILING, nextDay, '2026-03-13'],
    // 1 Jan in UTC is a holiday, but 31 Dec (a business day) in Bogotá.
    ['next day: 23:30 on 31 Dec', '2026-12-31T23:30:00-05:00', nextDay, '2026-12-31'],
    ['closing 16: 15:59:59', '2026-03-13T15:59:59-05:00', closing16, '2026-03-13'],
    ['closing 16: 16:00 exactly', '2026-03-13T16:00:00-05:00', closing16, '2026-03-16'],
    ['closing 16: 16:30', FRIDAY_FILING, closing16, '2026-03-16'],
    ['closing 16: Friday before San José', '2026-03-20T17:00:00-05:00', closing16, '2026-03-24'],
  ])('%s → %s', (_label, receivedAt, rule, expected) => {
    expect(termStartDate(at(receivedAt), cal, rule)).toBe(expected);
  });
});

const due = (input: LegalTermInput, calendar = cal): string => {
  const term = computeLegalTerm(input, calendar);
  if (term.status !== 'running') throw new Error('expected a running term');
  return term.dueDate;
};
const filed = (iso: string, termDays = 15): LegalTermInput => ({ receivedAt: at(iso), termDays });
const nextDay = (closingHour?: number): ReceiptRule =>
  closingHour === undefined
    ? { kind: 'next_business_day' }
    : { kind: 'next_business_day', closingHour };

describe('computeLegalTerm', () => {
  it('worked example: 2026-03-13 16:30 + 15 days → 2026-04-08 (03-23, 04-02, 04-03 skipped)', () => {
    expect(computeLegalTerm(example, cal)).toEqual({
      status: 'running',
      startDate: '2026-03-13',
      dueDate: '2026-04-08',
      dueAt: at('2026-04-09T04:59:59.999Z'),
      isExtended: false,
    });
  });

  it.each<[string, LegalTermInput, string]>([
    ['a Saturday filing: as the Friday before', filed('2026-03-14T09:00:00-05:00'), '2026-04-08'],
    ['a Sunday filing: as the Friday before', filed('2026-03-15T12:00:00-05:00'), '2026-04-08'],
    ['a Friday filing before San José', filed('2026-03-20T10:00:00-05:00'), '2026-04-15'],
    ['the Saturday after it', filed('2026-03-21T10:00:00-05:00'), '2026-04-15'],
    ['a filing on San José (holiday Monday)', filed('2026-03-23T10:00:00-05:00'), '2026-04-15'],
    // On 30 Dec the UTC date (31 Dec) would start the count a day late.
    ['23:30 on 30 Dec counts as 30 Dec', filed('2026-12-30T23:30:00-05:00', 10), '2027-01-15'],
    ['23:30 on 31 Dec counts as 31 Dec', filed('2026-12-31T23:30:00-05:00', 10), '2027-01-18'],
    ['year end (Navidad, Año Nuevo)', filed('2026-12-15T09:00:00-05:00'), '2027-01-07'],
    [
      '30-day Consulta over June and Ley 2578',
      filed('2026-06-01T09:00:00-05:00', 30),
      '2026-07-17',
    ],
    [
      'next_business_day: Saturday → Monday is day 0',
      { ...filed('2026-03-14T10:00:00-05:00'), receiptRule: nextDay() },
      '2026-04-09',
    ],
    [
      'next_business_day without closing hour',
      { ...example, receiptRule: nextDay() },
      '2026-04-08',
    ],
    ['next_business_day, 16:30 ≥ 16:00', { ...example, receiptRule: nextDay(16) }, '2026-04-09'],
    ['next_business_day, 16:30 < 17:00', { ...example, receiptRule: nextDay(17) }, '2026-04-08'],
  ])('%s → due %s', (_label, input, expected) => {
    expect(due(input)).toBe(expected);
  });

  it('starts on the local date of a 23:30 filing on 31 Dec, not the UTC date', () => {
    expect(computeLegalTerm(filed('2026-12-31T23:30:00-05:00', 10), cal).startDate).toBe(
      '2026-12-31',
    );
  });

  it('counts Saturdays for an organisation that works them', () => {
    expect(due(example, createCalendar({ worksSaturday: true }))).toBe('2026-04-01');
  });

  it('skips the organisation’s closure days', () => {
    expect(due(example, createCalendar({ closureDays: ['2026-03-17', '2026-03-18'] }))).toBe(
      '2026-04-10',
    );
  });

  it('adds an extension’s business days to the term', () => {
    // 15 + 15 counted days: 2026-04-29 (see the table above).
    expect(computeLegalTerm({ ...example, extensionDays: 15 }, cal)).toEqual({
      status: 'running',
      startDate: '2026-03-13',
      dueDate: '2026-04-29',
      dueAt: at('2026-04-30T04:59:59.999Z'),
      isExtended: true,
    });
    expect(computeLegalTerm({ ...example, extensionDays: 0 }, cal)).toMatchObject({
      isExtended: false,
    });
    expect(() => computeLegalTerm({ ...example, extensionDays: -1 }, cal)).toThrow(RangeError);
  });

  it('an extension then a pause: the pause moves the extended due date', () => {
    // Extended on 2026-04-01 to 2026-04-20 (8 business days added), then information requested
    // on 2026-04-13 (counted day 18) and received on 2026-04-16: 04-14..04-16 do not count, so
    // the remaining 5 days run from 04-17 and the extended date moves to 04-23.
    const extended = { ...example, extensionDays: 8 };
    expect(computeLegalTerm(extended, cal)).toMatchObject({ dueDate: '2026-04-20' });
    const pauses = [pause('2026-04-13T10:00', '2026-04-16T09:00')];
    expect(computeLegalTerm({ ...extended, pauses }, cal)).toMatchObject({
      status: 'running',
      dueDate: '2026-04-23',
      isExtended: true,
    });
  });

  it('a pause across the year end resumes after the holidays', () => {
    // Filed 2026-12-14, 15 days; paused 2026-12-18 (day 4, counted) until 2027-01-13, across
    // Christmas, New Year and Reyes (moved to Monday 01-11). Day 5 is 01-14, day 6 01-15,
    // days 7-11 are 01-18..01-22, 12-15 are 01-25..01-28.
    const input: LegalTermInput = {
      receivedAt: at('2026-12-14T09:00:00-05:00'),
      termDays: 15,
      pauses: [pause('2026-12-18T11:00', '2027-01-13T16:00')],
    };
    expect(computeLegalTerm(input, cal)).toMatchObject({
      status: 'running',
      dueDate: '2027-01-28',
    });
  });

  it('rejects a term that is not a whole number of days', () => {
    expect(() => computeLegalTerm({ ...example, termDays: -1 }, cal)).toThrow(RangeError);
    expect(() => computeLegalTerm({ ...example, termDays: 2.5 }, cal)).toThrow(RangeError);
  });
});

describe('pauses (information requests)', () => {
  it.each<[string, Pause[], string]>([
    [
      // Sent Wed 03-18 (day 3 counts); arrived Wed 03-25: 03-19, 03-20, 03-24, 03-25 do not count.
      'one pause moves the due date by the business days it covered',
      [pause('2026-03-18T10:00', '2026-03-25T15:00')],
      '2026-04-14',
    ],
    [
      'two pauses add up (03-18, 03-19; then 04-06 only, over Semana Santa)',
      [
        pause('2026-03-17T10:00', '2026-03-19T09:00'),
        pause('2026-04-01T08:00', '2026-04-06T17:00'),
      ],
      '2026-04-13',
    ],
    [
      'a pause that starts and ends the same day changes nothing',
      [pause('2026-03-18T09:00', '2026-03-18T16:00')],
      '2026-04-08',
    ],
    [
      'an answer arriving the next day takes out one day',
      [pause('2026-03-18T09:00', '2026-03-19T08:00')],
      '2026-04-09',
    ],
    [
      'an answer arriving on a Saturday takes out no business day',
      [pause('2026-03-20T17:00', '2026-03-21T10:00')],
      '2026-04-08',
    ],
  ])('%s', (_label, pauses, expected) => {
    expect(due({ ...example, pauses })).toBe(expected);
  });

  it.each<[string, Pause[], number, number]>([
    ['an open pause on day 3', [pause('2026-03-18T10:00', null)], 3, 12],
    [
      // Counted: 03-16, 03-17, 03-20, 03-24, 03-25.
      'an open pause after a closed one',
      [pause('2026-03-17T10:00', '2026-03-19T09:00'), pause('2026-03-25T10:00', null)],
      5,
      10,
    ],
    ['an open pause sent on the day of radication', [pause('2026-03-13T17:00', null)], 0, 15],
  ])('%s: paused, %i days used, %i remaining', (_label, pauses, daysUsed, daysRemaining) => {
    expect(computeLegalTerm({ ...example, pauses }, cal)).toEqual({
      status: 'paused',
      startDate: '2026-03-13',
      daysUsed,
      daysRemaining,
    });
  });

  it('an open pause keeps an extended term paused', () => {
    const pauses = [pause('2026-03-18T10:00', null)];
    const term = computeLegalTerm({ ...example, pauses, extensionDays: 15 }, cal);
    expect(term.status).toBe('paused');
  });
});

describe('countedBusinessDay', () => {
  const openPause = [pause('2026-03-18T10:00', null)];

  it('finds the n-th counted day', () => {
    expect(countedBusinessDay('2026-03-13', 0, [], cal)).toBe('2026-03-13');
    expect(countedBusinessDay('2026-03-13', 15, [], cal)).toBe('2026-04-08');
    expect(countedBusinessDay('2026-03-13', 3, openPause, cal)).toBe('2026-03-18');
  });

  it('without pauses, is the day a walk of n business days reaches, across holidays and years', () => {
    const walk = (start: string, n: number) => {
      let day = start;
      for (let i = 0; i < n; i++) day = nextBusinessDay(day, cal);
      return day;
    };
    for (const start of ['2026-03-13', '2026-03-27', '2026-12-18', '2027-06-25', '2028-02-29']) {
      for (const n of [1, 5, 10, 15, 30, 35]) {
        expect(countedBusinessDay(start, n, [], cal)).toBe(walk(start, n));
      }
    }
  });

  it('returns null when an open pause stops the count first', () => {
    expect(countedBusinessDay('2026-03-13', 4, openPause, cal)).toBeNull();
    expect(countedBusinessDay('2026-03-13', 15, openPause, cal)).toBeNull();
  });
});

describe('businessDaysUsed', () => {
  const withPause: LegalTermInput = {
    ...example,
    pauses: [pause('2026-03-18T10:00', '2026-03-25T15:00')],
  };

  it('counts from day 1 through the local date of asOf', () => {
    expect(businessDaysUsed(example, at('2026-03-13T18:00:00-05:00'), cal)).toBe(0);
    expect(businessDaysUsed(example, at('2026-03-16T08:00:00-05:00'), cal)).toBe(1);
    expect(businessDaysUsed(example, at('2026-04-08T23:59:00-05:00'), cal)).toBe(15);
    expect(businessDaysUsed(example, at('2026-04-09T00:30:00-05:00'), cal)).toBe(16);
  });

  it('leaves out paused days', () => {
    expect(businessDaysUsed(withPause, at('2026-03-24T12:00:00-05:00'), cal)).toBe(3);
    expect(businessDaysUsed(withPause, at('2026-03-26T12:00:00-05:00'), cal)).toBe(4);
    expect(businessDaysUsed(withPause, at('2026-04-14T12:00:00-05:00'), cal)).toBe(15);
    expect(businessDaysUsed(withPause, at('2026-04-20T12:00:00-05:00'), cal)).toBe(19);
  });

  it('stops at an open pause', () => {
    const open = { ...example, pauses: [pause('2026-03-18T10:00', null)] };
    expect(businessDaysUsed(open, at('2026-04-30T12:00:00-05:00'), cal)).toBe(3);
  });
});

describe('deadlineStatus', () => {
  const dueAt = at('2026-04-09T04:59:59.999Z'); // end of 2026-04-08 in Bogotá
  const fridayDueAt = at('2026-04-11T04:59:59.999Z'); // end of Friday 2026-04-10

  it('marks at risk at two business days or fewer', () => {
    expect(AT_RISK_BUSINESS_DAYS).toBe(2);
  });

  it.each<[string, Date, string, DeadlineStatus, number]>([
    ['on track, 5 days left', dueAt, '2026-03-30T10:00:00-05:00', 'on_track', 5],
    ['on track, 3 days left', dueAt, '2026-04-01T10:00:00-05:00', 'on_track', 3],
    ['on track on a holiday, 3 days left', dueAt, '2026-04-02T10:00:00-05:00', 'on_track', 3],
    ['at risk, 2 days left', dueAt, '2026-04-06T09:00:00-05:00', 'at_risk', 2],
    ['at risk, 1 day left', dueAt, '2026-04-07T09:00:00-05:00', 'at_risk', 1],
    ['due today', dueAt, '2026-04-08T08:00:00-05:00', 'at_risk', 0],
    ['due today, its last millisecond', dueAt, '2026-04-08T23:59:59.999-05:00', 'at_risk', 0],
    ['overdue from the next midnight', dueAt, '2026-04-09T00:00:00-05:00', 'overdue', -1],
    ['overdue by 3 business days', dueAt, '2026-04-13T10:00:00-05:00', 'overdue', -3],
    // toBe compares with Object.is, so this also rules out -0.
    ['overdue on the Saturday after', fridayDueAt, '2026-04-11T10:00:00-05:00', 'overdue', 0],
    ['overdue on the Monday after', fridayDueAt, '2026-04-13T10:00:00-05:00', 'overdue', -1],
  ])('%s', (_label, due, now, expectedStatus, expectedDaysLeft) => {
    const { status, businessDaysLeft } = deadlineStatus(due, at(now), cal);
    expect(status).toBe(expectedStatus);
    expect(businessDaysLeft).toBe(expectedDaysLeft);
  });
});
