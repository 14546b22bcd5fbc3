/**
 * Filing numbers (radicados, DOMAIN.md §2): `PREFIX-YYYY-NNNNNN`, sequential per year, never
 * reused.
 * Each number has exactly one canonical spelling, so `parseRadicado` accepts only what
 * `formatRadicado` could have produced (up to case and surrounding spaces).
 */

export const RADICADO_PREFIX_PATTERN = /^[A-Z]{2,10}$/;

const MIN_YEAR = 2000;
const MAX_YEAR = 9999;
const MIN_SEQ_DIGITS = 6;

/** Six digits, or more without a leading zero: `0001234` would be a second spelling of `001234`. */
const RADICADO_PATTERN = /^([A-Za-z]{2,10})-(\d{4})-(\d{6}|[1-9]\d{6,})$/;

export interface RadicadoParts {
  prefix: string;
  year: number;
  seq: number;
}

function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

function isValidSeq(seq: number): boolean {
  return Number.isSafeInteger(seq) && seq >= 1;
}

/** Throws RangeError on a prefix not matching the pattern, a year outside 2000–9999 or seq < 1. */
export function formatRadicado(prefix: string, year: number, seq: number): string {
  if (!RADICADO_PREFIX_PATTERN.test(prefix)) {
    throw new RangeError(`Invalid radicado prefix: ${JSON.stringify(prefix)}`);
  }
  if (!isValidYear(year)) throw new RangeError(`Invalid radicado year: ${year}`);
  if (!isValidSeq(seq)) throw new RangeError(`Invalid radicado sequence: ${seq}`);
  return `${prefix}-${year}-${String(seq).padStart(MIN_SEQ_DIGITS, '0')}`;
}

/** Tolerates lower case and surrounding whitespace, as a petitioner types it; upper-cases. */
export function parseRadicado(s: string): RadicadoParts | null {
  const match = RADICADO_PATTERN.exec(s.trim());
  if (match === null) return null;
  const [, prefix = '', yearText = '', seqText = ''] = match;
  const year = Number(yearText);
  const seq = Number(seqText);
  if (!isValidYear(year) || !isValidSeq(seq)) return null;
  return { prefix: prefix.toUpperCase(), year, seq };
}

export function isRadicado(s: string): boolean {
  return parseRadicado(s) !== null;
}

/** The sequence after the last one issued this year (`null`: none yet); never reuses a number. */
export function nextSequence(lastValue: number | null): number {
  if (lastValue === null) return 1;
  if (!Number.isSafeInteger(lastValue) || lastValue < 0 || !Number.isSafeInteger(lastValue + 1)) {
    throw new RangeError(`Invalid last radicado sequence: ${lastValue}`);
  }
  return lastValue + 1;
}

/**
 * A URL path segment as text: decoded once more when it still holds escapes (a radicado typed
 * into the address bar), kept as sent when an escape is malformed (`%ZZ`): a malformed URL is a
 * radicado that names no case, never a server error.
 */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The radicado a URL path segment names, normalised, or null for anything else. */
export function radicadoFromPath(segment: string): string | null {
  const text = decodePathSegment(segment).trim().toUpperCase();
  return parseRadicado(text) ? text : null;
}
