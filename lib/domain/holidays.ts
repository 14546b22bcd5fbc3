/**
 * Colombian national holidays (festivos), from the maintained `date-holidays` library so that new
 * laws (e.g. Ley 2578 de 2026) arrive with a dependency update rather than a code change.
 */
import Holidays from 'date-holidays';

/** A calendar day as 'YYYY-MM-DD' (calendar.ts re-exports it; defined here so neither imports the other). */
export type LocalDate = string;

export interface NationalHoliday {
  date: LocalDate;
  name: string;
}

let colombia: Holidays | undefined;

function getColombia(): Holidays {
  colombia ??= new Holidays('CO');
  return colombia;
}

/**
 * Computing a year takes milliseconds, and every business calendar asks for it, often inside a
 * write transaction: a year's holidays never change within one process, so compute each once.
 */
const cache = new Map<number, readonly NationalHoliday[]>();

/** Public holidays of `year`, one per date (names joined when two fall together), sorted by date. */
export function nationalHolidays(year: number): NationalHoliday[] {
  if (!Number.isInteger(year)) throw new RangeError(`Year must be an integer: ${year}`);
  let holidays = cache.get(year);
  if (!holidays) {
    holidays = computeNationalHolidays(year);
    cache.set(year, holidays);
  }
  return holidays.map((holiday) => ({ ...holiday }));
}

/**
 * Names the library gets wrong, by its rule: the Monday 43 days after Easter is the Ascension
 * (Ascensión del Señor), which it calls «La Asunción», the name of 15 August's holiday.
 */
const NAMES_BY_RULE: Readonly<Record<string, string>> = { 'easter 43': 'Ascensión del Señor' };

function computeNationalHolidays(year: number): NationalHoliday[] {
  const byDate = new Map<LocalDate, NationalHoliday>();
  for (const holiday of getColombia().getHolidays(year, 'es')) {
    // Observances (Domingo de Ramos) are not days off.
    if (holiday.type !== 'public') continue;
    const date = holiday.date.slice(0, 10);
    const name = NAMES_BY_RULE[holiday.rule] ?? holiday.name;
    const sameDay = byDate.get(date);
    if (sameDay) sameDay.name = `${sameDay.name} / ${name}`;
    else byDate.set(date, { date, name });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function nationalHolidayDates(year: number): LocalDate[] {
  return nationalHolidays(year).map((holiday) => holiday.date);
}
