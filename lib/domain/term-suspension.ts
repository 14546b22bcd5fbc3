/**
 * A suspension of terms declared by the entity (DOMAIN.md §3: closure days, suspensions): from one
 * local date to another, both included, the legal clock of the cases it covers does not run.
 * Pure: it becomes a pause of each covered case, so the term arithmetic is the one of art. 17.
 */
import { addCalendarDays, endOfLocalDay, startOfLocalDay, type LocalDate } from './calendar';
import type { CaseType } from './enums';
import type { Pause } from './legal-term';

export interface TermSuspension {
  fromDate: LocalDate;
  toDate: LocalDate;
  /** null: every type. */
  typeCodes: readonly CaseType[] | null;
}

/**
 * The suspension as a closed pause: a pause takes out the business days d with
 * pausedOn < d ≤ resumedOn, so it is "paused" on the day before `fromDate` and "resumed" on
 * `toDate` (both as instants inside those local days).
 */
export function suspensionPause(
  s: Pick<TermSuspension, 'fromDate' | 'toDate'>,
  timeZone: string,
): Pause {
  return {
    pausedAt: endOfLocalDay(addCalendarDays(s.fromDate, -1), timeZone),
    resumedAt: startOfLocalDay(s.toDate, timeZone),
  };
}

/** Whether a case of `typeCode` is covered by the suspension's scope. */
export function coversType(s: Pick<TermSuspension, 'typeCodes'>, typeCode: CaseType): boolean {
  return s.typeCodes === null || s.typeCodes.includes(typeCode);
}
