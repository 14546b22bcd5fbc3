/**
 * Internal service levels (ANS): tighter than the law, set by the organisation per type, category or
 * priority. First response within N business HOURS, resolution within M business DAYS. Tracked apart
 * from the legal term (DOMAIN.md §5): a case can meet the law and miss its ANS.
 */
import {
  addBusinessDays,
  addCalendarDays,
  endOfLocalDay,
  isBusinessDay,
  startOfLocalDay,
  toLocalDate,
  type BusinessCalendar,
} from './calendar';

export interface BusinessHours {
  /** Opening and closing hour, local time (0–24). */
  start: number;
  end: number;
}

const HOUR = 3_600_000;

/**
 * The instant `hours` business hours after `from`, counting only the opening hours of business days.
 * Opening hours are taken as fixed wall-clock offsets from local midnight (exact for zones without
 * daylight saving, such as America/Bogota).
 */
export function addBusinessHours(
  from: Date,
  hours: number,
  cal: BusinessCalendar,
  open: BusinessHours,
): Date {
  if (!(hours >= 0) || open.end <= open.start) throw new RangeError('invalid business hours');
  let remaining = hours * HOUR;
  let day = toLocalDate(from, cal.timeZone);
  for (let guard = 0; guard < 3660; guard += 1) {
    if (isBusinessDay(day, cal)) {
      const midnight = startOfLocalDay(day, cal.timeZone).getTime();
      const opens = Math.max(midnight + open.start * HOUR, from.getTime());
      const closes = midnight + open.end * HOUR;
      if (opens < closes) {
        if (remaining <= closes - opens) return new Date(opens + remaining);
        remaining -= closes - opens;
      }
    }
    day = addCalendarDays(day, 1);
  }
  throw new RangeError('no business hours within ten years');
}

export type ServiceLevelStatus = 'met' | 'missed' | 'pending' | 'overdue';

/** Met or missed once done; pending or overdue while not done yet. */
export function clockStatus(dueAt: Date, doneAt: Date | null, now: Date): ServiceLevelStatus {
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? 'met' : 'missed';
  return now.getTime() <= dueAt.getTime() ? 'pending' : 'overdue';
}

export interface ServiceLevelTarget {
  firstResponseHours: number;
  resolutionDays: number;
}

export function serviceLevelStatus(
  input: {
    receivedAt: Date;
    firstResponseAt: Date | null;
    answeredAt: Date | null;
    now: Date;
    target: ServiceLevelTarget;
  },
  cal: BusinessCalendar,
  open: BusinessHours,
) {
  const firstResponseDueAt = addBusinessHours(
    input.receivedAt,
    input.target.firstResponseHours,
    cal,
    open,
  );
  const resolutionDueAt = endOfLocalDay(
    addBusinessDays(toLocalDate(input.receivedAt, cal.timeZone), input.target.resolutionDays, cal),
    cal.timeZone,
  );
  return {
    firstResponse: {
      dueAt: firstResponseDueAt,
      status: clockStatus(firstResponseDueAt, input.firstResponseAt, input.now),
    },
    resolution: {
      dueAt: resolutionDueAt,
      status: clockStatus(resolutionDueAt, input.answeredAt, input.now),
    },
  };
}
