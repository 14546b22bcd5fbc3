import { is } from 'drizzle-orm';
import { PgSelectQueryBuilderBase } from 'drizzle-orm/pg-core';
import { SQLiteSelectQueryBuilderBase } from 'drizzle-orm/sqlite-core';

/**
 * Statements in the form both engines run (issue 18). SQLite's builders end in `.get()`, `.all()`
 * and `.run()`; PostgreSQL's have none of them, and both are awaited instead: `await query` gives a
 * select's rows (or a `returning()`'s), and a plain write's result. These stand in for `.get()`.
 */

/** A statement's first row, or undefined: a select reads one row at most, as `.get()` did. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  const select = is(query, SQLiteSelectQueryBuilderBase) || is(query, PgSelectQueryBuilderBase);
  const rows = await (select
    ? (query as unknown as { limit(n: number): PromiseLike<T[]> }).limit(1)
    : query);
  return rows[0];
}

/** A statement's one row, which must be there (an insert's `returning()`, a count). */
export async function one<T>(query: PromiseLike<T[]>): Promise<T> {
  const row = await first(query);
  if (row === undefined) throw new Error('the statement gave no row');
  return row;
}

/** The rows a plain write changed: SQLite's `changes`, PostgreSQL's `rowCount`. */
export function changesOf(result: { changes: number } | { rowCount: number | null }): number {
  return 'changes' in result ? result.changes : (result.rowCount ?? 0);
}
