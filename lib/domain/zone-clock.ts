/**
 * The wall clock of a time zone (issue 15): what an instant reads in a zone, and the zone's offset
 * then. Intl answers both, at ~20 µs a question; a queue page asks twice per row and a bulk import
 * millions of times, so the offset is remembered per zone and quarter hour (lib/domain/calendar.ts
 * builds local dates and days on it).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

export function getFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Offsets by zone and quarter hour (every zone's offset is a whole number of quarter hours since
 * 1900, except old local mean times, which the check below leaves uncached): asking Intl costs
 * about 20 µs, far more than the arithmetic; a bulk import or a report asks millions of times.
 */
const QUARTER_HOUR = 900_000;
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_MAX = 200_000;

function cachedOffset(ms: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const known = zone.get(bucket);
  if (known !== undefined) return known;
  const start = bucket * QUARTER_HOUR;
  const offset = offsetFromIntl(start, timeZone);
  // Cached only when the offset holds over the whole quarter hour (no change inside it).
  if (offsetFromIntl(start + QUARTER_HOUR - 1000, timeZone) === offset) {
    if (zone.size >= OFFSET_CACHE_MAX) zone.clear();
    zone.set(bucket, offset);
    return offset;
  }
  return offsetFromIntl(ms, timeZone);
}

export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid instant');
  const wall = new Date(ms - (((ms % 1000) + 1000) % 1000) + cachedOffset(ms, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

function wallClockFromIntl(instant: Date, timeZone: string): WallClock {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  const parts: Record<string, string> = {};
  for (const part of getFormatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines still print midnight as 24 even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive), to the second. */
export function offsetAt(ms: number, timeZone: string): number {
  return cachedOffset(ms, timeZone);
}

function offsetFromIntl(ms: number, timeZone: string): number {
  const w = wallClockFromIntl(new Date(ms), timeZone);
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(w.year, w.month - 1, w.day);
  asUtc.setUTCHours(w.hour, w.minute, w.second, 0);
  const wholeSeconds = ms - (((ms % 1000) + 1000) % 1000);
  return asUtc.getTime() - wholeSeconds;
}
