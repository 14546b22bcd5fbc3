import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { runNamed, type Queryable } from './client';

/**
 * Case search's statements on PostgreSQL (the index is db/pg/migrations/0001_case_search.sql),
 * the counterparts of db/sql/search.ts on SQLite: the newest cases whose text has every word as
 * a prefix, within the strong columns, outside the messages or anywhere, and a highlighted snippet
 * for a page of them.
 */

/** Where the words must all be; the same tiers as SQLite's (db/sql/search.ts MatchColumns). */
export type MatchColumns = 'any' | 'strong' | 'notMessages';

/** Weights of the index: A radicado and subject, B petitioner, C description, D messages. */
const WEIGHTS: Record<MatchColumns, string> = { strong: 'AB', notMessages: 'ABC', any: '' };

/**
 * The tsquery text for `words`: each a prefix term ('factur':*), all required. Each word is a
 * quoted literal, so no character a petitioner or agent types can be read as an operator; the
 * configuration folds accents and stems it as it did the index's text. Hyphens split words, as
 * in the index (case_search_words).
 */
export function prefixQuery(words: string[], columns: MatchColumns = 'any'): string {
  return words
    .flatMap((word) => word.replace(/[\\'\u0000-]/g, ' ').split(/\s+/))
    .filter(Boolean)
    .map((word) => `'${word}':*${WEIGHTS[columns]}`)
    .join(' & ');
}

const dialect = new PgDialect();

/**
 * The newest `limit` cases (ids grow with filing time) with every word, within `columns`, from
 * `fromId` up if given, that `scope` (a condition on \`cases\`, as the queues filter) lets through:
 * the same walk as SQLite's newestMatches (db/sql/search.ts).
 */
export async function newestMatches(
  db: Queryable,
  words: string[],
  limit: number,
  within: { columns?: MatchColumns; fromId?: number; scope?: SQL } = {},
): Promise<number[]> {
  const query = prefixQuery(words, within.columns ?? 'any');
  if (!query) return [];
  const { scope } = within;
  const statement = dialect.sqlToQuery(
    sql`SELECT s.case_id AS id FROM case_search s
        ${scope ? sql`JOIN cases ON cases.id = s.case_id` : sql``}
        WHERE s.document @@ to_tsquery('ventanilla_es', ${query})
          AND s.case_id >= ${within.fromId ?? 0} ${scope ? sql`AND ${scope}` : sql``}
        ORDER BY s.case_id DESC LIMIT ${limit}`,
  );
  const rows = await runNamed<{ id: string }>(db, statement.sql, statement.params);
  return rows.map((r) => Number(r.id));
}

/**
 * Of `ids`, the newest `limit` whose text has every word within `columns`: a tier of a search's
 * window, read by primary key (the window is a few hundred cases) instead of the word's index.
 */
export async function matchesAmong(
  db: Queryable,
  ids: number[],
  words: string[],
  columns: MatchColumns,
  limit: number,
): Promise<number[]> {
  const query = prefixQuery(words, columns);
  if (!query || ids.length === 0) return [];
  const rows = await runNamed<{ id: string }>(
    db,
    `SELECT case_id AS id FROM case_search
      WHERE case_id = ANY($1::bigint[]) AND document @@ to_tsquery('ventanilla_es', $2)
      ORDER BY case_id DESC LIMIT $3`,
    [ids, query, limit],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * A snippet of each case of a page, the words marked with `open` and `close`: ts_headline over the
 * text the index was made from, read for these cases only.
 */
export async function highlightPage(
  db: Queryable,
  ids: number[],
  words: string[],
  marks: { open: string; close: string; ellipsis: string; tokens: number },
): Promise<Map<number, string | null>> {
  const query = prefixQuery(words);
  if (ids.length === 0 || !query) return new Map();
  const options = [
    `StartSel="${marks.open}"`,
    `StopSel="${marks.close}"`,
    `FragmentDelimiter="${marks.ellipsis}"`,
    `MaxWords=${marks.tokens}`,
    `MinWords=${Math.max(1, Math.floor(marks.tokens / 2))}`,
    'MaxFragments=1',
  ].join(', ');
  const rows = await runNamed<{ id: string; snippet: string | null }>(
    db,
    `SELECT c.id, CASE WHEN s.document @@ q THEN ts_headline('ventanilla_es',
              concat_ws(' ', c.radicado, c.subject, c.description, cu.full_name,
                        cu.document_number, case_search_messages(c.id)), q, $3) END AS snippet
       FROM cases c JOIN case_search s ON s.case_id = c.id
       LEFT JOIN customers cu ON cu.id = c.customer_id,
       to_tsquery('ventanilla_es', $2) q
      WHERE c.id = ANY($1::bigint[])`,
    [ids, query, options],
  );
  return new Map(rows.map((r) => [Number(r.id), r.snippet]));
}

/**
 * Indexes every case again from its text, in one statement: after a bulk load that ran with the
 * triggers off (db:copy), and as the repair if the index is ever in doubt.
 */
export async function rebuildSearchIndex(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM case_search`);
  await db.query(
    `INSERT INTO case_search (case_id, document)
     SELECT c.id, case_search_vector(c.radicado, c.subject,
              concat_ws(' ', cu.full_name, cu.document_number), c.description, m.messages)
       FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id
       LEFT JOIN (SELECT case_id, string_agg(body, E'\\n' ORDER BY id) AS messages
                    FROM case_events WHERE case_id IS NOT NULL AND body IS NOT NULL
                   GROUP BY case_id) m ON m.case_id = c.id`,
  );
}
