import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';
import { computeLegalTerm } from './legal-term';
import { pdDeliveryDueDate } from './pd-silence';

const cal = createCalendar({});

describe('documents requests accepted by silence (art. 14.1)', () => {
  // Filed Friday 13 March 2026: day 10 is Monday 30 March (23 March is San José).
  const term = computeLegalTerm(
    { receivedAt: new Date('2026-03-13T16:30:00-05:00'), termDays: 10 },
    cal,
  );

  it('day 10 is the due date; the copies are owed by day 13, across Holy Week', () => {
    expect(term).toMatchObject({ status: 'running', dueDate: '2026-03-30' });
    // 31 March (11), 1 April (12), 2–3 April are Holy Week, 6 April (13).
    expect(pdDeliveryDueDate('2026-03-30', cal)).toBe('2026-04-06');
  });

  it('skips weekends and the organisation’s closure days', () => {
    expect(pdDeliveryDueDate('2026-04-09', cal)).toBe('2026-04-14');
    expect(pdDeliveryDueDate('2026-04-09', createCalendar({ closureDays: ['2026-04-13'] }))).toBe(
      '2026-04-15',
    );
  });
});
