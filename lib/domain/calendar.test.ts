import { describe, expect, it } from 'vitest';

import {
  addBusinessDays,
  addCalendarDays,
  countBusinessDays,
  createCalendar,
  dayOfWeek,
  endOfLocalDay,
  isBusinessDay,
  isValidLocalDate,
  localHour,
  nextBusinessDay,
  startOfLocalDay,
  toLocalDate,
} from './calendar';

const bogota = createCalendar({});
const NY = 'America/New_York';

describe('isValidLocalDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-12-31', true],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
    ['', false],
  ])('%s → %s', (s, expected) => {
    expect(isValidLocalDate(s)).toBe(expected);
  });
});

describe('addCalendarDays and dayOfWeek', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-13', 0)).toBe('2026-03-13');
  });

  it('rejects fractional day counts and invalid dates', () => {
    expect(() => addCalendarDays('2026-03-13', 0.5)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('numbers weekdays from Sunday = 0', () => {
    expect(dayOfWeek('2026-03-15')).toBe(0);
    expect(dayOfWeek('2026-03-16')).toBe(1);
    expect(dayOfWeek('2026-01-01')).toBe(4);
    expect(dayOfWeek('2026-03-13')).toBe(5);
    expect(dayOfWeek('2026-03-14')).toBe(6);
    expect(dayOfWeek('2027-01-01')).toBe(5);
  });
});

describe('toLocalDate and localHour', () => {
  it('uses the Bogotá date, not the UTC date', () => {
    expect(toLocalDate(new Date('2026-01-01T04:30:00Z'), 'America/Bogota')).toBe('2025-12-31');
    expect(toLocalDate(new Date('2026-01-01T05:00:00Z'), 'America/Bogota')).toBe('2026-01-01');
    expect(toLocalDate(new Date('2026-12-31T23:30:00-05:00'), 'America/Bogota')).toBe('2026-12-31');
    expect(toLocalDate(new Date('2026-12-31T23:30:00-05:00'), 'UTC')).toBe('2027-01-01');
  });

  it('follows daylight saving time in New York', () => {
    expect(toLocalDate(new Date('2026-03-09T03:59:59.999Z'), NY)).toBe('2026-03-08'); // 23:59 EDT
    expect(toLocalDate(new Date('2026-03-09T04:00:00Z'), NY)).toBe('2026-03-09');
    expect(toLocalDate(new Date('2026-11-02T04:30:00Z'), NY)).toBe('2026-11-01'); // 23:30 EST
    expect(toLocalDate(new Date('2026-11-02T05:00:00Z'), NY)).toBe('2026-11-02');
  });

  it('reads the local hour', () => {
    expect(localHour(new Date('2026-03-13T21:30:00Z'), 'America/Bogota')).toBe(16);
    expect(localHour(new Date('2026-03-13T05:00:00Z'), 'America/Bogota')).toBe(0);
    expect(localHour(new Date('2026-03-14T04:59:00Z'), 'America/Bogota')).toBe(23);
    expect(localHour(new Date('2026-07-01T16:00:00Z'), NY)).toBe(12);
    expect(localHour(new Date('2026-01-15T16:00:00Z'), NY)).toBe(11);
  });

  it('rejects an invalid instant', () => {
    expect(() => toLocalDate(new Date('nope'), 'America/Bogota')).toThrow(RangeError);
  });

  it('reads the same wall clock as Intl for any instant, around DST changes and local mean time', () => {
    const zones = ['America/Bogota', NY, 'America/Santiago', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    const intl = (zone: string) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
      });
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2199, 11, 31);
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    // Random instants, plus every minute of the hours around New York's and Santiago's 2026 changes
    // and Bogotá's move from local mean time in 1914.
    const instants = Array.from({ length: 3000 }, () => from + Math.floor(next() * (to - from)));
    for (const edge of [
      '2026-03-08T06:00:00Z',
      '2026-11-01T05:00:00Z',
      '2026-04-05T02:00:00Z',
      '1914-11-23T04:00:00Z',
    ]) {
      for (let m = 0; m < 180; m++) instants.push(Date.parse(edge) + m * 60_000 + 17_000);
    }
    for (const zone of zones) {
      const format = intl(zone);
      for (const ms of instants) {
        const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
        const date = `${parts.year}-${parts.month}-${parts.day}`;
        expect([toLocalDate(new Date(ms), zone), localHour(new Date(ms), zone)]).toEqual([
          date,
          Number(parts.hour) % 24,
        ]);
      }
    }
  });

  it('agrees with the formatter itself around offset changes and anywhere else', () => {
    // The offsets are remembered per quarter hour: instants on both sides of each change, on
    // zones that move by an hour, half an hour (Lord Howe) or sit on a quarter (Kathmandu).
    const changes: [string, string][] = [
      [NY, '2026-03-08T07:00:00Z'],
      [NY, '2026-11-01T06:00:00Z'],
      ['Europe/London', '2026-03-29T01:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Asia/Kathmandu', '2026-06-30T18:15:00Z'],
      ['America/Bogota', '1993-02-06T04:00:00Z'],
    ];
    const deltas = [-3_600_000, -60_000, -1000, -1, 0, 1, 999, 1000, 60_000, 3_600_000];
    const instants = changes.flatMap(([zone, at]) =>
      deltas.map((d) => [zone, Date.parse(at) + d] as const),
    );
    let seed = 15;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2 - 1;
    for (const zone of [NY, 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Bogota']) {
      for (let i = 0; i < 300; i += 1) {
        instants.push([zone, Date.parse('2026-01-01T00:00:00Z') + random() * 4e11]);
      }
    }
    for (const [zone, ms] of instants) {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-CA', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: 'numeric',
        })
          .formatToParts(new Date(ms))
          .map((p) => [p.type, p.value]),
      );
      const at = new Date(ms);
      expect([zone, at, toLocalDate(at, zone)]).toEqual([
        zone,
        at,
        `${parts.year}-${parts.month}-${parts.day}`,
      ]);
      expect([zone, at, localHour(at, zone)]).toEqual([zone, at, Number(parts.hour) % 24]);
    }
  });
});

describe('startOfLocalDay and endOfLocalDay', () => {
  it('spans exactly one Bogotá day (UTC−5 all year)', () => {
    expect(startOfLocalDay('2026-03-13', 'America/Bogota').toISOString()).toBe(
      '2026-03-13T05:00:00.000Z',
    );
    expect(endOfLocalDay('2026-03-13', 'America/Bogota').toISOString()).toBe(
      '2026-03-14T04:59:59.999Z',
    );
    expect(endOfLocalDay('2026-12-31', 'America/Bogota').toISOString()).toBe(
      '2027-01-01T04:59:59.999Z',
    );
  });

  it('handles the 23-hour and 25-hour days of a DST zone', () => {
    expect(startOfLocalDay('2026-03-08', NY).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', NY).toISOString()).toBe('2026-03-09T03:59:59.999Z');
    expect(startOfLocalDay('2026-07-01', NY).toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(endOfLocalDay('2026-07-01', NY).toISOString()).toBe('2026-07-02T03:59:59.999Z');
    expect(startOfLocalDay('2026-11-01', NY).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(endOfLocalDay('2026-11-01', NY).toISOString()).toBe('2026-11-02T04:59:59.999Z');
  });

  it('starts a day whose midnight is skipped by DST at the end of the gap (Santiago)', () => {
    // Chile springs forward at 24:00 on Saturday 5 Sept 2026: Sunday begins at 01:00 −03.
    expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
    expect(endOfLocalDay('2026-09-05', 'America/Santiago').toISOString()).toBe(
      '2026-09-06T03:59:59.999Z',
    );
  });

  it('works east of UTC and on half-hour offsets', () => {
    expect(startOfLocalDay('2026-01-01', 'Asia/Kolkata').toISOString()).toBe(
      '2025-12-31T18:30:00.000Z',
    );
    expect(endOfLocalDay('2026-01-01', 'Pacific/Kiritimati').toISOString()).toBe(
      '2026-01-01T09:59:59.999Z',
    );
  });
});

describe('createCalendar', () => {
  it('defaults to Bogotá, Monday to Friday', () => {
    expect(bogota.timeZone).toBe('America/Bogota');
    expect(bogota.worksSaturday).toBe(false);
  });

  it('rejects an unknown time zone and invalid closure days', () => {
    expect(() => createCalendar({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => createCalendar({ closureDays: ['2026-02-30'] })).toThrow(RangeError);
  });

  it('loads each year of holidays lazily, once', () => {
    const loaded: number[] = [];
    const cal = createCalendar({
      holidaysForYear: (year) => {
        loaded.push(year);
        return year === 2026 ? ['2026-03-16'] : [];
      },
    });
    expect(loaded).toEqual([]);
    expect(cal.isHoliday('2026-03-16')).toBe(true);
    expect(cal.isHoliday('2026-03-17')).toBe(false);
    expect(cal.isHoliday('2026-01-01')).toBe(false); // the custom list replaces the national one
    expect(cal.isHoliday('2027-01-01')).toBe(false);
    expect(cal.isHoliday('2026-12-31')).toBe(false);
    expect(loaded).toEqual([2026, 2027]);
  });

  it('loads any year, far from today', () => {
    expect(bogota.isHoliday('2040-12-25')).toBe(true);
    expect(bogota.isHoliday('2040-12-24')).toBe(false);
  });
});

describe('isBusinessDay', () => {
  it.each([
    ['2026-03-13', true, 'Friday'],
    ['2026-03-14', false, 'Saturday'],
    ['2026-03-15', false, 'Sunday'],
    ['2026-01-01', false, 'Año Nuevo (fixed)'],
    ['2026-05-01', false, 'Día del Trabajo (fixed)'],
    ['2026-12-08', false, 'Inmaculada (fixed)'],
    ['2026-12-25', false, 'Navidad (fixed)'],
    ['2026-01-12', false, 'Reyes moved to Monday'],
    ['2026-01-06', true, 'Reyes original date'],
    ['2026-03-23', false, 'San José moved to Monday'],
    ['2026-03-19', true, 'San José original date'],
    ['2026-11-16', false, 'Cartagena moved to Monday'],
    ['2026-11-11', true, 'Cartagena original date'],
    ['2026-04-02', false, 'Jueves Santo'],
    ['2026-04-03', false, 'Viernes Santo'],
    ['2026-04-01', true, 'Miércoles Santo'],
    ['2026-05-18', false, 'Ascensión'],
    ['2026-06-08', false, 'Corpus Christi'],
    ['2026-06-15', false, 'Sagrado Corazón'],
    ['2026-07-13', false, 'Ley 2578 de 2026'],
    ['2026-07-09', true, '9 July itself'],
    ['2026-07-14', true, 'the day after'],
    ['2027-01-11', false, 'Reyes 2027'],
    ['2027-03-22', false, 'San José 2027'],
    ['2027-03-25', false, 'Jueves Santo 2027'],
    ['2027-03-26', false, 'Viernes Santo 2027'],
    ['2027-05-10', false, 'Ascensión 2027'],
    ['2027-05-31', false, 'Corpus Christi 2027'],
    ['2027-06-07', false, 'Sagrado Corazón 2027'],
    ['2027-06-29', true, 'San Pedro original date 2027'],
    ['2027-07-05', false, 'San Pedro moved 2027'],
    ['2027-07-12', false, 'Ley 2578 2027'],
    ['2027-10-18', false, 'Día de la Raza 2027'],
    ['2027-11-15', false, 'Cartagena 2027'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isBusinessDay(date, bogota)).toBe(expected);
  });

  it('counts Saturdays when the organisation works them, but never Sundays or holidays', () => {
    const cal = createCalendar({ worksSaturday: true });
    expect(isBusinessDay('2026-03-14', cal)).toBe(true);
    expect(isBusinessDay('2026-03-15', cal)).toBe(false);
    expect(isBusinessDay('2027-05-01', cal)).toBe(false); // Día del Trabajo on a Saturday
    expect(isBusinessDay('2027-08-07', cal)).toBe(false);
    expect(isBusinessDay('2027-12-25', cal)).toBe(false);
  });

  it('closes the organisation’s own closure days only in its calendar', () => {
    const cal = createCalendar({ closureDays: ['2026-03-17'] });
    expect(isBusinessDay('2026-03-17', cal)).toBe(false);
    expect(cal.isHoliday('2026-03-17')).toBe(true);
    expect(isBusinessDay('2026-03-23', cal)).toBe(false);
    expect(isBusinessDay('2026-03-17', bogota)).toBe(true);
  });
});

describe('nextBusinessDay', () => {
  it.each([
    ['2026-03-13', '2026-03-16', 'Friday → Monday'],
    ['2026-03-14', '2026-03-16', 'Saturday → Monday'],
    ['2026-03-20', '2026-03-24', 'over the San José Monday'],
    ['2026-04-01', '2026-04-06', 'over Holy Thursday and Friday'],
    ['2026-07-10', '2026-07-14', 'over the Ley 2578 Monday'],
    ['2026-12-24', '2026-12-28', 'over Christmas'],
    ['2026-12-31', '2027-01-04', 'over New Year'],
  ])('%s → %s (%s)', (from, expected) => {
    expect(nextBusinessDay(from, bogota)).toBe(expected);
  });

  it('gives up on a calendar with no business days at all', () => {
    const alwaysClosed = {
      timeZone: 'America/Bogota',
      worksSaturday: false,
      isHoliday: () => true,
    };
    expect(() => nextBusinessDay('2026-03-13', alwaysClosed)).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it('returns the n-th business day strictly after the date', () => {
    expect(addBusinessDays('2026-03-13', 0, bogota)).toBe('2026-03-13');
    expect(addBusinessDays('2026-03-13', 1, bogota)).toBe('2026-03-16');
    expect(addBusinessDays('2026-03-13', 15, bogota)).toBe('2026-04-08');
    expect(addBusinessDays('2026-12-22', 5, bogota)).toBe('2026-12-30');
    expect(addBusinessDays('2026-12-22', 10, bogota)).toBe('2027-01-07');
  });

  it('counts Saturdays when worked', () => {
    expect(addBusinessDays('2026-03-13', 15, createCalendar({ worksSaturday: true }))).toBe(
      '2026-04-01',
    );
  });

  it('rejects negative or fractional counts', () => {
    expect(() => addBusinessDays('2026-03-13', -1, bogota)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-03-13', 1.5, bogota)).toThrow(RangeError);
  });
});

describe('countBusinessDays', () => {
  it('counts business days d with from < d ≤ to', () => {
    expect(countBusinessDays('2026-03-13', '2026-04-08', bogota)).toBe(15);
    expect(countBusinessDays('2026-03-13', '2026-03-16', bogota)).toBe(1);
    expect(countBusinessDays('2026-03-13', '2026-03-15', bogota)).toBe(0);
    expect(countBusinessDays('2026-12-24', '2027-01-04', bogota)).toBe(5);
  });

  it('is 0 when to ≤ from', () => {
    expect(countBusinessDays('2026-03-13', '2026-03-13', bogota)).toBe(0);
    expect(countBusinessDays('2026-04-08', '2026-03-13', bogota)).toBe(0);
  });

  it('counts worked Saturdays', () => {
    expect(
      countBusinessDays('2026-03-13', '2026-03-21', createCalendar({ worksSaturday: true })),
    ).toBe(7);
  });
});
