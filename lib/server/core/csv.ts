import 'server-only';
import { stringify } from 'csv-stringify/sync';
import type { Conn } from '@/db/client';
import type { PgDb, Queryable } from '@/db/pg/client';
import { isPg, pgDatabaseOf } from '@/db/pg/transactions';
import { iterateRows, openExportConnection } from '@/db/sql/export-streams';

/** Rows encoded per pull: small enough that a million-row export never holds more than this. */
const ROWS_PER_CHUNK = 250;

/** Lets every request waiting on I/O run before the next chunk (a macrotask, not a microtask). */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export type CsvCell = string | number | boolean | null | undefined | Date;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an
 * apostrophe (OWASP "CSV injection"); a negative number stays a number.
 */
export function safeCell(value: CsvCell): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function encodeCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((row) => row.map(safeCell)),
    { record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}

/**
 * A streamed CSV download: the header first, then rows pulled from `rows` a chunk at a time as the
 * client reads, so memory stays flat however many rows there are; between chunks the server
 * serves everyone else. `rows` may be asynchronous (PostgreSQL's keyset pages). UTF-8 with a
 * byte-order mark (Excel then reads accents right). `onClose` runs once the stream ends, fails or
 * is cancelled.
 */
export function csvResponse(
  filename: string,
  header: readonly string[],
  rows: Iterator<readonly CsvCell[]> | AsyncIterator<readonly CsvCell[]>,
  onClose: () => void = () => {},
): Response {
  const encoder = new TextEncoder();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    // An async source finishes its `return` on its own; a failure there is no reader's concern.
    void Promise.resolve(rows.return?.()).catch(() => undefined);
    onClose();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${encodeCsv([header])}`));
    },
    async pull(controller) {
      // Reading SQLite's rows is synchronous: without this turn, a client that reads fast would keep
      // the server on this export and every other request would wait for its end (issue 15).
      await yieldToOthers();
      if (closed) return;
      try {
        const chunk: (readonly CsvCell[])[] = [];
        for (;;) {
          // A synchronous source (SQLite) is read without a turn of the event loop per row.
          const pending = rows.next();
          const next = pending instanceof Promise ? await pending : pending;
          if (next.done) break;
          chunk.push(next.value);
          if (chunk.length >= ROWS_PER_CHUNK) break;
        }
        if (chunk.length > 0) controller.enqueue(encoder.encode(encodeCsv(chunk)));
        if (chunk.length < ROWS_PER_CHUNK) {
          close();
          controller.close();
        }
      } catch (error) {
        close();
        controller.error(error);
      }
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Its own read-only connection per export: the raw driver lives in db/sql/export-streams.ts. */
export { openExportConnection };

/** One export's rows, as each engine streams them (both with the same columns, named alike). */
export interface ExportQuery<R extends object> {
  /** SQLite: one statement, iterated on a read-only connection of its own. */
  sqlite: { sql: string; params: readonly unknown[] };
  /** PostgreSQL: the rows in keyset pages read through `pool` (db/pg/export-streams.ts). */
  pg: (pool: Queryable) => AsyncIterable<R>;
}

/**
 * Streams the rows of one export as CSV: on SQLite its statement on a read-only connection of its
 * own (closed at the end), on PostgreSQL its keyset pages through the pool, which the export never
 * holds between pages (not the caller's transaction: the client reads after it has ended).
 */
export function sqlCsvResponse<R extends object = Record<string, unknown>>(
  db: Conn,
  filename: string,
  header: readonly string[],
  query: ExportQuery<R>,
  toRow: (row: R) => readonly CsvCell[] = (row) => Object.values(row) as CsvCell[],
): Response {
  if (isPg(db)) {
    const pool = (pgDatabaseOf(db) as unknown as PgDb).$client;
    const rows = query.pg(pool);
    // Leaving the loop (the reader went away) returns the source: no further page is read.
    const mapped = (async function* () {
      for await (const row of rows) yield toRow(row);
    })();
    return csvResponse(filename, header, mapped);
  }
  const reader = openExportConnection(db);
  try {
    const iterator = iterateRows(reader, query.sqlite.sql, query.sqlite.params) as Iterator<R>;
    const mapped: Iterator<readonly CsvCell[]> = {
      next: () => {
        const r = iterator.next();
        return r.done ? { done: true, value: undefined } : { done: false, value: toRow(r.value) };
      },
      return: () => {
        iterator.return?.();
        return { done: true, value: undefined };
      },
    };
    return csvResponse(filename, header, mapped, () => reader.close());
  } catch (error) {
    reader.close();
    throw error;
  }
}

/** One formatter per zone: building one per cell would cost more than the row (1M-row exports). */
const LOCAL_INSTANT = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD HH:mm" in the zone: the Swedish locale writes dates the ISO way. */

export function localInstant(ms: number | null, timeZone: string): string | null {
  if (ms === null) return null;
  let format = LOCAL_INSTANT.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    LOCAL_INSTANT.set(timeZone, format);
  }
  return format.format(new Date(ms));
}
