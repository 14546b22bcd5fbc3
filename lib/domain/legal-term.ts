/**
 * The legal due date of a case (DOMAIN.md §3, Ley 1755 de 2015 arts. 14, 17 and 21).
 *
 * Pure: `now`/`asOf` are parameters. A stored due date is only a cache of `computeLegalTerm`.
 */
import {
  addBusinessDays,
  type BusinessCalendar,
  type LocalDate,
  countBusinessDays,
  endOfLocalDay,
  isBusinessDay,
  localHour,
  nextBusinessDay,
  toLocalDate,
} from './calendar';

/** An information request to the petitioner (art. 17) and when the answer arrived. */
export interface Pause {
  pausedAt: Date;
  resumedAt: Date | null;
}

/**
 * When the clock starts. `calendar_day` (the law's reading): day 0 is the local calendar day of
 * radication. `next_business_day`: a filing on a non-business day, or at/after `closingHour` local
 * time on a business day, is received on the next business day, which becomes day 0.
 */
export type ReceiptRule =
  { kind: 'calendar_day' } | { kind: 'next_business_day'; closingHour?: number };

export type LegalTerm =
  | {
      status: 'running';
      startDate: LocalDate;
      dueDate: LocalDate;
      dueAt: Date;
      isExtended: boolean;
      daysUsedBeforePause?: never;
    }
  | { status: 'paused'; startDate: LocalDate; daysUsed: number; daysRemaining: number };

export interface LegalTermInput {
  receivedAt: Date;
  termDays: number;
  pauses?: Pause[];
  /**
   * Business days a prórroga added to the term (art. 14 parágrafo): the new date minus the due date
   * it replaced, counted in business days. Added to the term, not fixed as a date, so a pause that
   * comes after the extension still moves the extended due date (DOMAIN.md §3).
   */
  extensionDays?: number;
  receiptRule?: ReceiptRule;
}

export type ExtensionRefusal =
  | 'already_extended'
  | 'term_paused'
  | 'term_expired'
  | 'beyond_cap'
  | 'not_later'
  | 'not_business_day';

export const AT_RISK_BUSINESS_DAYS = 2;

const CALENDAR_DAY: ReceiptRule = { kind: 'calendar_day' };

/** Day 0 of the term: counting starts on the first business day strictly after it. */
export function termStartDate(
  receivedAt: Date,
  cal: BusinessCalendar,
  rule: ReceiptRule = CALENDAR_DAY,
): LocalDate {
  const filedOn = toLocalDate(receivedAt, cal.timeZone);
  if (rule.kind === 'calendar_day') return filedOn;
  if (!isBusinessDay(filedOn, cal)) return nextBusinessDay(filedOn, cal);
  const { closingHour } = rule;
  if (closingHour !== undefined && localHour(receivedAt, cal.timeZone) >= closingHour) {
    return nextBusinessDay(filedOn, cal);
  }
  return filedOn;
}

/**
 * A pause as the local days it takes out of the count.
 * Invariant: business days d with pausedOn < d ≤ resumedOn do not count. The day the request was
 * sent counts as used; counting resumes on the first business day after the information arrived.
 * An open pause (resumedOn null) takes out every day after pausedOn.
 */
interface PausedSpan {
  pausedOn: LocalDate;
  resumedOn: LocalDate | null;
}

function toSpans(pauses: readonly Pause[], cal: BusinessCalendar): PausedSpan[] {
  return pauses.map((pause) => ({
    pausedOn: toLocalDate(pause.pausedAt, cal.timeZone),
    resumedOn: pause.resumedAt === null ? null : toLocalDate(pause.resumedAt, cal.timeZone),
  }));
}

function isPausedOn(day: LocalDate, spans: readonly PausedSpan[]): boolean {
  return spans.some(
    (span) => day > span.pausedOn && (span.resumedOn === null || day <= span.resumedOn),
  );
}

/** The earliest day after which an open pause stops all counting, or null when none is open. */
function openPauseStart(spans: readonly PausedSpan[]): LocalDate | null {
  let earliest: LocalDate | null = null;
  for (const span of spans) {
    if (span.resumedOn === null && (earliest === null || span.pausedOn < earliest)) {
      earliest = span.pausedOn;
    }
  }
  return earliest;
}

function assertTermDays(n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`Term must be a whole number of days: ${n}`);
}

/** The n-th counted business day after `start`, or null when an open pause stops the count first. */
export function countedBusinessDay(
  start: LocalDate,
  n: number,
  pauses: readonly Pause[],
  cal: BusinessCalendar,
): LocalDate | null {
  assertTermDays(n);
  const spans = toSpans(pauses, cal);
  // No pause (every new filing): the n-th business day, found at once in the calendar's index.
  if (spans.length === 0) return addBusinessDays(start, n, cal);
  const stopAfter = openPauseStart(spans);
  let day = start;
  let counted = 0;
  while (counted < n) {
    day = nextBusinessDay(day, cal);
    // Past an open pause's start nothing counts any more, so the n-th day is never reached.
    if (stopAfter !== null && day > stopAfter) return null;
    if (!isPausedOn(day, spans)) counted++;
  }
  return day;
}

/** Counted business days d with start < d ≤ through. */
function countCountedDays(
  start: LocalDate,
  through: LocalDate,
  spans: readonly PausedSpan[],
  cal: BusinessCalendar,
): number {
  let counted = 0;
  for (let day = nextBusinessDay(start, cal); day <= through; day = nextBusinessDay(day, cal)) {
    if (!isPausedOn(day, spans)) counted++;
  }
  return counted;
}

/**
 * The term as of its pauses and extension. While any pause is open the term is 'paused' (even when
 * extended): its due date depends on when the information arrives.
 */
export function computeLegalTerm(input: LegalTermInput, cal: BusinessCalendar): LegalTerm {
  assertTermDays(input.termDays);
  const startDate = termStartDate(input.receivedAt, cal, input.receiptRule);
  const pauses = input.pauses ?? [];
  const spans = toSpans(pauses, cal);
  const pausedOn = openPauseStart(spans);
  if (pausedOn !== null) {
    const daysUsed = countCountedDays(startDate, pausedOn, spans, cal);
    return {
      status: 'paused',
      startDate,
      daysUsed,
      daysRemaining: Math.max(0, input.termDays - daysUsed),
    };
  }
  const extensionDays = input.extensionDays ?? 0;
  assertTermDays(extensionDays);
  const dueDate = countedBusinessDay(startDate, input.termDays + extensionDays, pauses, cal);
  if (dueDate === null) throw new Error('Unreachable: no open pause yet the count stopped');
  return {
    status: 'running',
    startDate,
    dueDate,
    dueAt: endOfLocalDay(dueDate, cal.timeZone),
    isExtended: extensionDays > 0,
  };
}

/**
 * The business days a prórroga to `newDueDate` adds to a running term: what the case keeps
 * (`extensionDays`), so later pauses move the new date as they move the term. Only counted days
 * count: a suspension of terms already declared between the two dates adds none. Null while the
 * term is paused: no extension is granted then.
 */
export function extensionDaysTo(
  input: LegalTermInput,
  newDueDate: LocalDate,
  cal: BusinessCalendar,
): number | null {
  const term = computeLegalTerm({ ...input, extensionDays: 0 }, cal);
  if (term.status !== 'running') return null;
  return countCountedDays(term.dueDate, newDueDate, toSpans(input.pauses ?? [], cal), cal);
}

/** Counted business days from day 1 through the local date of `asOf`, pauses excluded. */
export function businessDaysUsed(input: LegalTermInput, asOf: Date, cal: BusinessCalendar): number {
  const startDate = termStartDate(input.receivedAt, cal, input.receiptRule);
  const spans = toSpans(input.pauses ?? [], cal);
  return countCountedDays(startDate, toLocalDate(asOf, cal.timeZone), spans, cal);
}

/**
 * The latest date an extension may set: by default the 2N-th counted business day from the same day
 * 1 (the cautious reading of art. 14 parágrafo), checked on the term without pauses: the extension
 * adds at most N business days; a regime may allow fewer (`maxExtensionDays`: Ley 1581's 5 and 8,
 * none under Ley 142). Null while paused, since it moves with the pause.
 */
export function extensionCap(
  input: LegalTermInput,
  cal: BusinessCalendar,
  maxExtensionDays: number = input.termDays,
): LocalDate | null {
  assertTermDays(input.termDays);
  const startDate = termStartDate(input.receivedAt, cal, input.receiptRule);
  const pauses = input.pauses ?? [];
  if (openPauseStart(toSpans(pauses, cal)) !== null) return null;
  const added = Math.max(0, Math.min(maxExtensionDays, input.termDays));
  return countedBusinessDay(startDate, input.termDays + added, pauses, cal);
}

/**
 * Whether a prórroga to `newDueDate` is allowed; reasons are checked in a fixed order so the
 * petitioner-facing message is stable. A null cap (running term) means the organisation sets none.
 */
export function checkExtension(
  input: {
    now: Date;
    term: LegalTerm;
    cap: LocalDate | null;
    newDueDate: LocalDate;
    alreadyExtended: boolean;
  },
  cal: BusinessCalendar,
): { ok: true } | { ok: false; reason: ExtensionRefusal } {
  const { now, term, cap, newDueDate } = input;
  if (input.alreadyExtended) return { ok: false, reason: 'already_extended' };
  if (term.status === 'paused') return { ok: false, reason: 'term_paused' };
  if (now.getTime() > term.dueAt.getTime()) return { ok: false, reason: 'term_expired' };
  if (cap !== null && newDueDate > cap) return { ok: false, reason: 'beyond_cap' };
  if (newDueDate <= term.dueDate) return { ok: false, reason: 'not_later' };
  if (!isBusinessDay(newDueDate, cal)) return { ok: false, reason: 'not_business_day' };
  return { ok: true };
}

export type DeadlineStatus = 'on_track' | 'at_risk' | 'overdue';

/**
 * Where a deadline stands at `now`. Overdue: businessDaysLeft is minus the business days elapsed
 * since the due date (0 on a weekend right after it). Otherwise the business days still ahead,
 * 0 when due today.
 */
export function deadlineStatus(
  dueAt: Date,
  now: Date,
  cal: BusinessCalendar,
): { status: DeadlineStatus; businessDaysLeft: number } {
  const today = toLocalDate(now, cal.timeZone);
  const dueDate = toLocalDate(dueAt, cal.timeZone);
  if (now.getTime() > dueAt.getTime()) {
    // `0 - n`, not `-n`: never report -0.
    return { status: 'overdue', businessDaysLeft: 0 - countBusinessDays(dueDate, today, cal) };
  }
  const businessDaysLeft = countBusinessDays(today, dueDate, cal);
  return {
    status: businessDaysLeft <= AT_RISK_BUSINESS_DAYS ? 'at_risk' : 'on_track',
    businessDaysLeft,
  };
}
