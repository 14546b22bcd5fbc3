import type { DrillDownRow, SqlWhere } from '../sql/drill-down';
import type { Queryable } from './client';
import { drillDownPage } from './drill-down';

/**
 * The streamed exports on PostgreSQL (SQLite's are db/sql/export-streams.ts): rows in keyset
 * pages, each page one statement through the pool. A million-row export then holds one page in
 * memory, and no connection or transaction while the client reads; each page starts after the
 * last row of the one before, so the cost of a page does not grow with how far the export has got.
 * Rows committed meanwhile behind the export's position are not in it, as a page list would show.
 */

/** Rows per page: small enough to keep memory flat, large enough that round trips do not count. */
export const EXPORT_PAGE_ROWS = 1_000;

/**
 * Every row `readPage` gives, page after page: `after` is the last row of the page before (none
 * for the first). A page shorter than `pageSize` is the last.
 */
export async function* keysetRows<R>(
  readPage: (after: R | undefined, limit: number) => Promise<R[]>,
  pageSize = EXPORT_PAGE_ROWS,
): AsyncGenerator<R, void, undefined> {
  let after: R | undefined;
  for (;;) {
    const rows = await readPage(after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1];
  }
}

/**
 * Every case of a drill-down or queue filter (`?` placeholders on `cases c`), newest first as the
 * drill-down lists them, in keyset pages on (received_at, id).
 */
export function drillDownExportRows(
  db: Queryable,
  { where, params }: SqlWhere,
  pageSize = EXPORT_PAGE_ROWS,
): AsyncGenerator<DrillDownRow, void, undefined> {
  return keysetRows<DrillDownRow>(
    (after, limit) =>
      drillDownPage(
        db,
        after === undefined
          ? { where, params }
          : {
              where: `(${where}) AND (c.received_at, c.id) < (?::timestamptz, ?)`,
              params: [...params, new Date(after.receivedAt).toISOString(), after.id],
            },
        limit,
        0,
      ),
    pageSize,
  );
}
