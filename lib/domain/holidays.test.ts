import { describe, expect, it } from 'vitest';

import { nationalHolidayDates, nationalHolidays } from './holidays';

describe('nationalHolidayDates', () => {
  it('lists the 2026 Colombian public holidays, sorted', () => {
    expect(nationalHolidayDates(2026)).toEqual([
      '2026-01-01', // Año Nuevo (Thu)
      '2026-01-12', // Reyes, 6 Jan moved to Monday
      '2026-03-23', // San José, 19 Mar moved to Monday
      '2026-04-02', // Jueves Santo
      '2026-04-03', // Viernes Santo
      '2026-04-05', // Pascua (a Sunday: the library lists it as public)
      '2026-05-01', // Día del Trabajo
      '2026-05-18', // Ascensión, moved to Monday
      '2026-06-08', // Corpus Christi, moved to Monday
      '2026-06-15', // Sagrado Corazón, moved to Monday
      '2026-06-29', // San Pedro y San Pablo (already Monday)
      '2026-07-13', // Ley 2578 de 2026: 9 July moved to Monday
      '2026-07-20', // Independencia
      '2026-08-07', // Batalla de Boyacá
      '2026-08-17', // Asunción, 15 Aug moved to Monday
      '2026-10-12', // Día de la Raza (already Monday)
      '2026-11-02', // Todos los Santos, moved to Monday
      '2026-11-16', // Independencia de Cartagena, moved to Monday
      '2026-12-08', // Inmaculada Concepción
      '2026-12-25', // Navidad
    ]);
  });

  it('lists the 2027 Colombian public holidays, sorted', () => {
    expect(nationalHolidayDates(2027)).toEqual([
      '2027-01-01',
      '2027-01-11', // Reyes
      '2027-03-22', // San José
      '2027-03-25', // Jueves Santo
      '2027-03-26', // Viernes Santo
      '2027-03-28', // Pascua
      '2027-05-01', // Día del Trabajo, a Saturday
      '2027-05-10', // Ascensión
      '2027-05-31', // Corpus Christi
      '2027-06-07', // Sagrado Corazón
      '2027-07-05', // San Pedro y San Pablo
      '2027-07-12', // Ley 2578 de 2026
      '2027-07-20',
      '2027-08-07', // a Saturday
      '2027-08-16', // Asunción
      '2027-10-18', // Día de la Raza
      '2027-11-01', // Todos los Santos
      '2027-11-15', // Independencia de Cartagena
      '2027-12-08',
      '2027-12-25', // a Saturday
    ]);
  });

  it('includes the Ley 2578 de 2026 holiday (9 July moved to Monday) from 2026 only', () => {
    expect(nationalHolidayDates(2026)).toContain('2026-07-13');
    expect(nationalHolidayDates(2027)).toContain('2027-07-12');
    expect(nationalHolidayDates(2026)).not.toContain('2026-07-09');
    expect(nationalHolidayDates(2025)).not.toContain('2025-07-14');
  });

  it('leaves out observances that are not days off (Domingo de Ramos)', () => {
    expect(nationalHolidayDates(2026)).not.toContain('2026-03-29');
    expect(nationalHolidayDates(2027)).not.toContain('2027-03-21');
  });

  it('keeps only the moved date of a Monday-moved holiday', () => {
    const dates = nationalHolidayDates(2026);
    expect(dates).not.toContain('2026-01-06');
    expect(dates).not.toContain('2026-03-19');
    expect(dates).not.toContain('2026-11-11');
  });

  it('dedupes two holidays that fall on the same date (2025-06-30)', () => {
    const dates = nationalHolidayDates(2025);
    expect(dates.filter((date) => date === '2025-06-30')).toEqual(['2025-06-30']);
    expect(dates).toHaveLength(18);
  });
});

describe('nationalHolidays', () => {
  it('names each holiday in Spanish', () => {
    const holidays = nationalHolidays(2026);
    expect(holidays[0]).toEqual({ date: '2026-01-01', name: 'Año Nuevo' });
    expect(holidays.find((h) => h.date === '2026-04-03')).toEqual({
      date: '2026-04-03',
      name: 'Viernes Santo',
    });
    expect(holidays.find((h) => h.date === '2026-12-25')).toEqual({
      date: '2026-12-25',
      name: 'Navidad',
    });
    expect(holidays.find((h) => h.date === '2026-07-13')?.name).toEqual(expect.any(String));
    // The Ascension, not the Assumption (the library's name for it): 15 August keeps that one.
    expect(holidays.find((h) => h.date === '2026-05-18')?.name).toBe('Ascensión del Señor');
    expect(holidays.find((h) => h.date === '2026-08-17')?.name).toBe('Asunción');
  });

  it('joins the names of holidays that share a date', () => {
    expect(nationalHolidays(2025).find((h) => h.date === '2025-06-30')).toEqual({
      date: '2025-06-30',
      name: 'Sagrado Corazón de Jesús / San Pedro y San Pablo',
    });
  });

  it('returns a fresh array each call', () => {
    const first = nationalHolidays(2026);
    first.pop();
    expect(nationalHolidays(2026)).toHaveLength(20);
  });

  it('rejects a year that is not an integer', () => {
    expect(() => nationalHolidays(2026.5)).toThrow(RangeError);
  });
});
