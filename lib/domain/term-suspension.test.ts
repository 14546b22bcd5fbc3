import { describe, expect, it } from 'vitest';
import { createCalendar, toLocalDate } from './calendar';
import { computeLegalTerm } from './legal-term';
import { coversType, suspensionPause } from './term-suspension';

const cal = createCalendar({});
const TZ = 'America/Bogota';
// Filed Friday 13 March 2026, 15 business days: due Wednesday 8 April (see legal-term.test.ts).
const filed = { receivedAt: new Date('2026-03-13T16:30:00-05:00'), termDays: 15 };

describe('a suspension of terms', () => {
  it('is a pause from the day before its first day to its last day', () => {
    const pause = suspensionPause({ fromDate: '2026-04-06', toDate: '2026-04-10' }, TZ);
    expect(toLocalDate(pause.pausedAt, TZ)).toBe('2026-04-05');
    expect(toLocalDate(pause.resumedAt!, TZ)).toBe('2026-04-10');
  });

  it('across a due date moves it by the business days it takes out', () => {
    // 6–10 April (5 business days) fall inside the term: day 13 was 6 April, now 13 April …
    const pauses = [suspensionPause({ fromDate: '2026-04-06', toDate: '2026-04-10' }, TZ)];
    expect(computeLegalTerm({ ...filed, pauses }, cal)).toMatchObject({
      status: 'running',
      dueDate: '2026-04-15',
    });
  });

  it('after the due date leaves it alone; one that starts on a weekend counts only business days', () => {
    const after = [suspensionPause({ fromDate: '2026-04-09', toDate: '2026-04-30' }, TZ)];
    expect(computeLegalTerm({ ...filed, pauses: after }, cal)).toMatchObject({
      dueDate: '2026-04-08',
    });
    // Saturday 4 April to Tuesday 7 April: only 6 and 7 April were business days.
    const weekend = [suspensionPause({ fromDate: '2026-04-04', toDate: '2026-04-07' }, TZ)];
    expect(computeLegalTerm({ ...filed, pauses: weekend }, cal)).toMatchObject({
      dueDate: '2026-04-10',
    });
  });

  it('covers every type, or the ones it names', () => {
    expect(coversType({ typeCodes: null }, 'Q')).toBe(true);
    expect(coversType({ typeCodes: ['P', 'R'] }, 'R')).toBe(true);
    expect(coversType({ typeCodes: ['P', 'R'] }, 'Q')).toBe(false);
  });
});
