import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Loads rows into a table with COPY FROM STDIN, PostgreSQL's bulk path: one statement per table,
 * the rows streamed as text (tab-separated, \N for null), with the stream's back-pressure obeyed
 * so memory stays flat. Each value is first turned into what the PostgreSQL column's driver takes
 * (an instant's ISO text, a document's JSON), exactly as an INSERT through drizzle would send it.
 * Resolves with the number of rows; rejects with PostgreSQL's error, which names the line.
 */
export async function copyInto(
  client: pg.PoolClient,
  table: PgTable,
  rows: Iterable<Record<string, unknown>>,
  onRows: (count: number) => void,
): Promise<number> {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  const stream = client.query(copyFrom(`COPY "${getTableName(table)}" (${names}) FROM STDIN`));
  const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  let count = 0;
  let chunk = '';
  const send = async () => {
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    chunk = '';
  };
  for (const row of rows) {
    chunk += `${columns.map(([field, column]) => copyText(column, row[field])).join('\t')}\n`;
    count += 1;
    if (chunk.length >= CHUNK_CHARS) {
      await send();
      onRows(count);
    }
  }
  if (chunk) await send();
  stream.end();
  await Promise.race([finished(stream), failed]);
  onRows(count);
  return count;
}

const CHUNK_CHARS = 256 * 1024;

/** A value in COPY's text format: \N for null, backslash, tab and line breaks escaped. */
export function copyText(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const driver = column.mapToDriverValue(value);
  const text =
    typeof driver === 'boolean'
      ? driver
        ? 't'
        : 'f'
      : typeof driver === 'string'
        ? driver
        : String(driver);
  return text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
