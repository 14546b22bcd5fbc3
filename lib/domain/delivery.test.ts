import { describe, expect, it } from 'vitest';
import { deliveryResult } from './delivery';

const TZ = 'America/Bogota';
const at = (local: string) => new Date(`${local}-05:00`);

describe('deliveryResult', () => {
  const due = '2026-04-08';

  it('counts a delivery on the due date itself, late in the evening in Bogotá, as on time', () => {
    // 23:30 in Bogotá is already 9 April in UTC: the local date decides.
    const deliveredAt = at('2026-04-08T23:30:00');
    expect(
      deliveryResult({ dueDate: due, deliveredAt, now: at('2026-04-20T10:00:00'), timeZone: TZ }),
    ).toBe('on_time');
  });

  it('counts a delivery the next local day as late', () => {
    const deliveredAt = at('2026-04-09T00:10:00');
    expect(deliveryResult({ dueDate: due, deliveredAt, now: deliveredAt, timeZone: TZ })).toBe(
      'late',
    );
  });

  it('is pending while nothing was delivered and the due date has not passed', () => {
    expect(
      deliveryResult({
        dueDate: due,
        deliveredAt: null,
        now: at('2026-04-08T18:00:00'),
        timeZone: TZ,
      }),
    ).toBe('pending');
  });

  it('reads overdue, not delivered, when nothing was delivered by the due date', () => {
    expect(
      deliveryResult({
        dueDate: due,
        deliveredAt: null,
        now: at('2026-04-09T08:00:00'),
        timeZone: TZ,
      }),
    ).toBe('overdue_undelivered');
  });

  it('has no result for a type without a legal term', () => {
    expect(
      deliveryResult({
        dueDate: null,
        deliveredAt: at('2026-04-01T10:00:00'),
        now: at('2026-04-01T10:00:00'),
        timeZone: TZ,
      }),
    ).toBeNull();
  });
});
