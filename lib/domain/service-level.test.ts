import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';
import { addBusinessHours, clockStatus, serviceLevelStatus } from './service-level';

const cal = createCalendar({});
const open = { start: 8, end: 17 };
const bogota = (local: string) => new Date(`${local}-05:00`);

describe('addBusinessHours (08:00–17:00, Colombian calendar)', () => {
  it.each([
    ['inside the day', '2026-03-16T09:00:00', 4, '2026-03-16T13:00:00'],
    ['to the closing minute', '2026-03-16T09:00:00', 8, '2026-03-16T17:00:00'],
    ['over the night', '2026-03-16T15:00:00', 4, '2026-03-17T10:00:00'],
    ['before opening', '2026-03-16T06:30:00', 2, '2026-03-16T10:00:00'],
    ['after closing', '2026-03-16T19:00:00', 1, '2026-03-17T09:00:00'],
    ['from Friday afternoon over the weekend', '2026-03-13T16:30:00', 2, '2026-03-16T09:30:00'],
    [
      'over the San José holiday (Monday 23 March)',
      '2026-03-20T16:00:00',
      3,
      '2026-03-24T10:00:00',
    ],
    ['filed on a Sunday', '2026-03-15T11:00:00', 9, '2026-03-16T17:00:00'],
    ['zero hours keeps the instant', '2026-03-16T10:15:00', 0, '2026-03-16T10:15:00'],
  ])('%s', (_, from, hours, expected) => {
    expect(addBusinessHours(bogota(from), hours, cal, open)).toEqual(bogota(expected));
  });

  it('refuses nonsense', () => {
    expect(() => addBusinessHours(bogota('2026-03-16T10:00:00'), -1, cal, open)).toThrow(
      RangeError,
    );
    expect(() =>
      addBusinessHours(bogota('2026-03-16T10:00:00'), 1, cal, { start: 17, end: 8 }),
    ).toThrow(RangeError);
  });
});

describe('clockStatus', () => {
  const due = bogota('2026-03-16T12:00:00');
  it.each([
    [bogota('2026-03-16T11:00:00'), null, 'pending'],
    [bogota('2026-03-16T13:00:00'), null, 'overdue'],
    [bogota('2026-03-16T13:00:00'), bogota('2026-03-16T12:00:00'), 'met'],
    [bogota('2026-03-16T13:00:00'), bogota('2026-03-16T12:00:01'), 'missed'],
  ] as const)('now %s, done %s → %s', (now, done, expected) => {
    expect(clockStatus(due, done, now)).toBe(expected);
  });
});

describe('serviceLevelStatus', () => {
  it('tracks first response in business hours and resolution in business days, each on its own', () => {
    const status = serviceLevelStatus(
      {
        receivedAt: bogota('2026-03-13T16:30:00'),
        firstResponseAt: bogota('2026-03-16T09:00:00'),
        answeredAt: null,
        now: bogota('2026-03-20T10:00:00'),
        target: { firstResponseHours: 4, resolutionDays: 5 },
      },
      cal,
      open,
    );
    // 30 min on Friday + 3.5 h on Monday → Monday 11:30; 5 business days after Friday 13 → Friday 20.
    expect(status.firstResponse).toEqual({ dueAt: bogota('2026-03-16T11:30:00'), status: 'met' });
    expect(status.resolution).toEqual({
      dueAt: bogota('2026-03-20T23:59:59.999'),
      status: 'pending',
    });
  });
});
