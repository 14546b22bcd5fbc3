/**
 * The periods the PQRS report offers in one click (DOMAIN.md §11: the periodic report). Pure: `today`
 * is the organisation's local date. Whole calendar months and quarters; the current ones end today.
 */
import { addCalendarDays, type LocalDate } from './calendar';

export const REPORT_PRESETS = [
  'last_month',
  'this_month',
  'last_quarter',
  'last_semester',
  'this_semester',
  'this_year',
] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number];

export interface LocalPeriod {
  from: LocalDate;
  to: LocalDate;
}

const pad = (n: number) => String(n).padStart(2, '0');
const firstOf = (year: number, month: number): LocalDate => `${year}-${pad(month)}-01`;

/** The first day of the month `offset` months from (year, month), month 1–12. */
function monthStart(year: number, month: number, offset: number): LocalDate {
  const index = year * 12 + (month - 1) + offset;
  return firstOf(Math.floor(index / 12), (index % 12) + 1);
}

export function reportPeriod(preset: ReportPreset, today: LocalDate): LocalPeriod {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case 'last_month':
      return {
        from: monthStart(year, month, -1),
        to: addCalendarDays(firstOf(year, month), -1),
      };
    case 'this_month':
      return { from: firstOf(year, month), to: today };
    case 'last_quarter': {
      const quarterStart = monthStart(year, month, -((month - 1) % 3));
      const qYear = Number(quarterStart.slice(0, 4));
      const qMonth = Number(quarterStart.slice(5, 7));
      return { from: monthStart(qYear, qMonth, -3), to: addCalendarDays(quarterStart, -1) };
    }
    case 'last_semester':
      return semesterPeriod(previousSemester(semesterOf(today)));
    case 'this_semester':
      return { from: semesterPeriod(semesterOf(today)).from, to: today };
    case 'this_year':
      return { from: firstOf(year, 1), to: today };
  }
}

/**
 * Semesters, the periods of the control-interno PQRS report (Ley 1474 de 2011 art. 76) and of the
 * transparency page (Ley 1712 de 2014): 'YYYY-1' is January–June, 'YYYY-2' July–December.
 */
export type Semester = `${number}-${1 | 2}`;
export const SEMESTER_PATTERN = /^(\d{4})-([12])$/;

export function semesterOf(date: LocalDate): Semester {
  return `${Number(date.slice(0, 4))}-${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
}

export function previousSemester(semester: Semester): Semester {
  const [year, half] = semester.split('-').map(Number) as [number, number];
  return half === 2 ? `${year}-1` : `${year - 1}-2`;
}

export function semesterPeriod(semester: Semester): LocalPeriod {
  const [year, half] = semester.split('-').map(Number) as [number, number];
  return half === 1
    ? { from: firstOf(year, 1), to: `${year}-06-30` }
    : { from: firstOf(year, 7), to: `${year}-12-31` };
}

/** The `count` whole semesters before the one `today` is in, newest first. */
export function closedSemesters(today: LocalDate, count: number): Semester[] {
  const out: Semester[] = [];
  for (let s = previousSemester(semesterOf(today)); out.length < count; s = previousSemester(s)) {
    out.push(s);
  }
  return out;
}

/** Which preset a period is, if any (to mark the current quick choice). */
export function presetOf(period: LocalPeriod, today: LocalDate): ReportPreset | undefined {
  return REPORT_PRESETS.find((p) => {
    const candidate = reportPeriod(p, today);
    return candidate.from === period.from && candidate.to === period.to;
  });
}
