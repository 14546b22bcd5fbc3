/**
 * Building blocks for the scale seed: a precomputed table of local days (so a million cases need no
 * time-zone formatting), memoised legal terms, and multi-row prepared inserts.
 */
import type Database from 'better-sqlite3';
import {
  addCalendarDays,
  isBusinessDay,
  startOfLocalDay,
  type BusinessCalendar,
  type LocalDate,
} from '@/lib/domain/calendar';
import { computeLegalTerm, type ReceiptRule } from '@/lib/domain/legal-term';
import type { CaseType } from '@/lib/domain/enums';

/** Every local day in a range, with its first instant and its rank among business days. */
export interface DayTable {
  dates: LocalDate[];
  /** Epoch ms of each day's local midnight; `starts[i + 1]` ends day i. */
  starts: Float64Array;
  isBusiness: Uint8Array;
  /** Business days among days 0..i. */
  cumBusiness: Int32Array;
  /** Day indexes of the business days, in order. */
  businessDays: Int32Array;
}

export function buildDayTable(cal: BusinessCalendar, from: LocalDate, to: LocalDate): DayTable {
  const dates: LocalDate[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) dates.push(d);
  const n = dates.length;
  const starts = new Float64Array(n + 1);
  const isBusiness = new Uint8Array(n);
  const cumBusiness = new Int32Array(n);
  const business: number[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const date = dates[i] as LocalDate;
    starts[i] = startOfLocalDay(date, cal.timeZone).getTime();
    if (isBusinessDay(date, cal)) {
      isBusiness[i] = 1;
      business.push(i);
      count++;
    }
    cumBusiness[i] = count;
  }
  starts[n] = startOfLocalDay(addCalendarDays(to, 1), cal.timeZone).getTime();
  return { dates, starts, isBusiness, cumBusiness, businessDays: Int32Array.from(business) };
}

/** Each case type's handle-time target (minutes), as the catalogue set it. */
export function handleTargetsOf(sqlite: Database.Database): Map<CaseType, number> {
  const rows = sqlite
    .prepare('SELECT code, handle_target_minutes AS minutes FROM case_types')
    .all() as { code: CaseType; minutes: number }[];
  return new Map(rows.map((r) => [r.code, r.minutes]));
}

/** The index of the day an instant falls on (binary search over the day starts). */
export function dayIndexAt(table: DayTable, ms: number): number {
  let lo = 0;
  let hi = table.dates.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((table.starts[mid] as number) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The day index of the k-th business day strictly after day `i` (k ≥ 1); -1 past the table. */
export function businessDayAfter(table: DayTable, i: number, k: number): number {
  const at = (table.cumBusiness[i] as number) + k - 1;
  return at < table.businessDays.length ? (table.businessDays[at] as number) : -1;
}

/**
 * computeLegalTerm once per (filing day, term, receipt side): under the organisation's receipt rule
 * every filing on the same local day (and, with a closing hour, on the same side of it) has the
 * same due date, so the first filing of each key stands for all of them.
 */
export function createTermMemo(cal: BusinessCalendar, receiptRule: ReceiptRule) {
  const memo = new Map<number, { dueDate: LocalDate; dueAt: number }>();
  const closingMs =
    receiptRule.kind === 'next_business_day' && receiptRule.closingHour !== undefined
      ? receiptRule.closingHour * 3_600_000
      : null;
  return (table: DayTable, dayIdx: number, receivedMs: number, termDays: number) => {
    const isAfterClosing =
      closingMs !== null && receivedMs - (table.starts[dayIdx] as number) >= closingMs ? 1 : 0;
    const key = (dayIdx * 512 + termDays) * 2 + isAfterClosing;
    let due = memo.get(key);
    if (!due) {
      const term = computeLegalTerm(
        { receivedAt: new Date(receivedMs), termDays, receiptRule },
        cal,
      );
      if (term.status !== 'running') throw new Error('Unreachable: no pauses');
      due = { dueDate: term.dueDate, dueAt: term.dueAt.getTime() };
      memo.set(key, due);
    }
    return due;
  };
}

/**
 * Buffers rows and inserts them `perStatement` at a time with one multi-row prepared statement:
 * far fewer calls into SQLite than one statement per row.
 */
export class BatchInsert {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  /** Reused for every full statement: values of `perStatement` rows, row after row. */
  private readonly buffer: unknown[];
  private rows = 0;
  inserted = 0;

  constructor(
    sqlite: Database.Database,
    table: string,
    private readonly columns: readonly string[],
    private readonly perStatement = 64,
  ) {
    const row = `(${columns.map(() => '?').join(',')})`;
    const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
    this.many = sqlite.prepare(head + Array.from({ length: perStatement }, () => row).join(','));
    this.one = sqlite.prepare(head + row);
    this.buffer = new Array<unknown>(perStatement * columns.length).fill(null);
  }

  /** Values in the order of `columns`. */
  add(values: readonly unknown[]): void {
    const width = this.columns.length;
    if (values.length !== width) throw new Error('column count mismatch');
    const offset = this.rows * width;
    for (let i = 0; i < width; i++) this.buffer[offset + i] = values[i];
    this.inserted++;
    if (++this.rows === this.perStatement) {
      this.many.run(this.buffer);
      this.rows = 0;
    }
  }

  /** A row as column → value; columns it lacks are written as null. */
  addRecord(record: Readonly<Record<string, unknown>>): void {
    const width = this.columns.length;
    const offset = this.rows * width;
    for (let i = 0; i < width; i++) this.buffer[offset + i] = record[this.columns[i]!] ?? null;
    this.inserted++;
    if (++this.rows === this.perStatement) {
      this.many.run(this.buffer);
      this.rows = 0;
    }
  }

  flush(): void {
    const width = this.columns.length;
    for (let r = 0; r < this.rows; r++) this.one.run(this.buffer.slice(r * width, (r + 1) * width));
    this.rows = 0;
  }
}

/**
 * Runs `load` with the secondary indexes of `tables` dropped, then rebuilds them from their own
 * SQL: sorting once is much faster than updating ten B-trees row by row. The indexes come back
 * even if the load fails.
 */
export function withoutIndexes(
  sqlite: Database.Database,
  tables: readonly string[],
  load: () => void,
) {
  if (tables.length === 0) return load();
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN (${tables.map(() => '?').join(',')})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  try {
    load();
  } finally {
    for (const index of indexes) sqlite.exec(index.sql);
  }
}
