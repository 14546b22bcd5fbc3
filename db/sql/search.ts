import { sql, type SQL } from 'drizzle-orm';
import { syncOf, type Conn, type Db } from '../client';

/**
 * The full-text index's SQL: the reads of case search (lib/server/cases/search-cases.ts decides
 * what to ask) and the maintenance for bulk loads. Two FTS5 tables: `case_search`, one row per
 * case (db/migrations/0001_case_search.sql), and `case_search_terms`, its vocabulary (0014).
 * Every read here runs on a read-only connection too: the scratch tables live in `temp`.
 */

// ── Reads ──────────────────────────────────────────────────────────────────────────────────────

/** A list of ids as one bound JSON array: one statement text whatever the page's length. */
const idList = (ids: number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** Columns of a case that say most about it; the rest are its description and its messages. */
const STRONG_COLUMNS = '{radicado subject customer_name document_number}';

/**
 * The index's words that start with `prefix` (already folded as the tokenizer folds: lower case,
 * no accents), in order, at most `limit`. One step per word: see 0014_case_search_terms.sql.
 */
export async function wordsStartingWith(
  db: Conn,
  prefix: string,
  limit: number,
): Promise<string[]> {
  await db.run(
    sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.case_search_words
        USING fts5vocab(main, case_search_terms, row)`,
  );
  // The largest code point: every word with the prefix sorts below prefix + it.
  const end = `${prefix}\u{10FFFF}`;
  return (
    await db.all<{ term: string }>(
      sql`SELECT term FROM temp.case_search_words WHERE term >= ${prefix} AND term < ${end}
        LIMIT ${limit}`,
    )
  ).map((r) => r.term);
}

/** Where the words must all be: anywhere, in the strong columns, or outside the messages. */
export type MatchColumns = 'any' | 'strong' | 'notMessages';

function restrictedTo(columns: MatchColumns, match: string): string {
  if (columns === 'strong') return `${STRONG_COLUMNS} : (${match})`;
  if (columns === 'notMessages') return `- {messages} : (${match})`;
  return match;
}

/**
 * The newest `limit` cases matching the FTS5 query that `scope` lets through (ids grow with filing
 * time), within `columns`, and from `fromId` up if given. FTS5 walks its lists newest first and
 * stops at the limit or at `fromId`, with no sort; the CROSS JOIN keeps it the outer loop (SQLite
 * never reorders one), so the scope is a primary-key probe per match, never an index query per
 * case of the team. The bound is cast: a bound JS number arrives as a real, and FTS5 then reads
 * the whole list instead of seeking.
 */
export async function newestMatches(
  db: Conn,
  match: string,
  scope: SQL | undefined,
  limit: number,
  within: { columns?: MatchColumns; fromId?: number } = {},
): Promise<number[]> {
  const query = restrictedTo(within.columns ?? 'any', match);
  const from =
    within.fromId === undefined
      ? sql``
      : sql`AND case_search.rowid >= CAST(${within.fromId} AS INTEGER)`;
  const rows = scope
    ? await db.all<{ id: number }>(
        sql`SELECT case_search.rowid AS id
            FROM case_search CROSS JOIN cases ON cases.id = case_search.rowid
            WHERE case_search MATCH ${query} ${from} AND ${scope}
            ORDER BY case_search.rowid DESC LIMIT ${limit}`,
      )
    : await db.all<{ id: number }>(
        sql`SELECT case_search.rowid AS id FROM case_search WHERE case_search MATCH ${query} ${from}
            ORDER BY case_search.rowid DESC LIMIT ${limit}`,
      );
  return rows.map((r) => r.id);
}

/**
 * snippet() for one page of cases, as text with `open`/`close` around matches. FTS5 expands a
 * prefix term ("factur"*) by merging the index entries of every word it starts, once per
 * statement, which over a million cases costs more than the search. So the page's text is copied
 * into scratch tables of this connection, an FTS5 index with the same columns and tokenizer as
 * case_search (the test of accents in snippets holds them together) over a plain table of the
 * text, and highlighted there: the same query over a few dozen rows. The text being external, the
 * index empties in one step ('delete-all') instead of re-reading every row to unindex it.
 */
export async function highlightPage(
  db: Conn,
  ids: number[],
  match: string,
  marks: { open: string; close: string; ellipsis: string; tokens: number },
): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  // One synchronous run: the scratch tables are the connection's, shared by every request.
  const sync = syncOf(db);
  sync.run(
    sql`CREATE TEMP TABLE IF NOT EXISTS case_search_page_text (
          id INTEGER PRIMARY KEY,
          radicado, subject, description, customer_name, document_number, messages)`,
  );
  sync.run(
    sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.case_search_page USING fts5(
          radicado, subject, description, customer_name, document_number, messages,
          content = 'case_search_page_text', content_rowid = 'id',
          tokenize = 'unicode61 remove_diacritics 2')`,
  );
  sync.run(
    sql`INSERT INTO temp.case_search_page_text
          (id, radicado, subject, description, customer_name, document_number, messages)
        SELECT case_id, radicado, subject, description, customer_name, document_number, messages
        FROM case_search_source WHERE case_id IN ${idList(ids)}`,
  );
  try {
    sync.run(
      sql`INSERT INTO temp.case_search_page
            (rowid, radicado, subject, description, customer_name, document_number, messages)
          SELECT id, radicado, subject, description, customer_name, document_number, messages
          FROM temp.case_search_page_text`,
    );
    const rows = sync.all<{ id: number; snippet: string | null }>(
      sql`SELECT rowid AS id, snippet(case_search_page, -1, ${marks.open}, ${marks.close},
            ${marks.ellipsis}, ${marks.tokens}) AS snippet
          FROM temp.case_search_page WHERE case_search_page MATCH ${match}`,
    );
    return new Map(rows.map((r) => [r.id, r.snippet]));
  } finally {
    sync.run(sql`INSERT INTO temp.case_search_page (case_search_page) VALUES ('delete-all')`);
    sync.run(sql`DELETE FROM temp.case_search_page_text`);
  }
}

// ── Maintenance ────────────────────────────────────────────────────────────────────────────────

/** FTS5's in-memory buffer before it writes a segment: its default, and the one for a rebuild. */
const HASH_SIZE = { normal: 1 << 20, rebuild: 64 << 20 } as const;

/** FTS5 takes the size only as an SQL integer, and a bound JS number arrives as a real. */
function setHashSize(db: Db, bytes: number): void {
  const value = sql.raw(String(Math.trunc(bytes)));
  db.run(sql`INSERT INTO case_search (case_search, rank) VALUES ('hashsize', ${value})`);
}

/**
 * Re-reads every case into the index and merges it into one segment (prefix queries over one
 * segment take about half the time), then lists its words anew in `case_search_terms`. For bulk
 * loads that ran without the triggers (suspendSearchTriggers), and as the repair if the index is
 * ever in doubt (`INSERT INTO case_search (case_search, rank) VALUES ('integrity-check', 1)` tells).
 */
export function rebuildSearchIndex(db: Db): void {
  // Fewer, larger segments to merge afterwards: a third faster at a million cases.
  setHashSize(db, HASH_SIZE.rebuild);
  try {
    db.run(sql`INSERT INTO case_search (case_search) VALUES ('rebuild')`);
  } finally {
    setHashSize(db, HASH_SIZE.normal);
  }
  db.run(sql`INSERT INTO case_search (case_search) VALUES ('optimize')`);
  rebuildSearchTerms(db);
}

/** The vocabulary from the index's own (one pass over it), in one segment. */
function rebuildSearchTerms(db: Db): void {
  db.run(sql`INSERT INTO case_search_terms (case_search_terms) VALUES ('delete-all')`);
  db.run(sql`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.case_search_vocabulary
    USING fts5vocab(main, case_search, row)`);
  try {
    // Words are whole tokens, so each reads back as itself; a few thousand rows, not one per word.
    db.run(sql`
      INSERT INTO case_search_terms (rowid, body)
      SELECT 1, group_concat(term, ' ') FROM temp.case_search_vocabulary
      GROUP BY substr(term, 1, 2)`);
  } finally {
    db.run(sql`DROP TABLE temp.case_search_vocabulary`);
  }
  db.run(sql`INSERT INTO case_search_terms (case_search_terms) VALUES ('optimize')`);
}

/**
 * Drops the index's triggers for a bulk load and returns what puts them back, from their own SQL
 * (idempotent: call it in a `finally`). Loading with them would re-index a case on each of its
 * events; the index and its vocabulary are stale until rebuildSearchIndex runs.
 */
export function suspendSearchTriggers(db: Db): () => void {
  const triggers = db.all<{ name: string; sql: string }>(
    sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'case_search_*'`,
  );
  for (const trigger of triggers) db.run(sql.raw(`DROP TRIGGER "${trigger.name}"`));
  let isRestored = false;
  return () => {
    if (isRestored) return;
    isRestored = true;
    for (const trigger of triggers) db.run(sql.raw(trigger.sql));
  };
}

/** The segments each of the two indexes is in: a term's look-up seeks once per segment. */
export function searchIndexSegments(db: Db): { index: number; terms: number } {
  return db.get<{ index: number; terms: number }>(
    sql`SELECT (SELECT count(DISTINCT segid) FROM case_search_idx) AS "index",
               (SELECT count(DISTINCT segid) FROM case_search_terms_idx) AS terms`,
  )!;
}

/**
 * One step of merging an index's segments into one, as SQL (FTS5's 'merge' with a negative page
 * count: every level, as 'optimize' does, about `pages` leaf pages written per step; a word's whole
 * list at most). Each filing's transaction adds a segment and FTS5's automerge folds them together
 * only slowly; every word a search looks up seeks once per segment, so at a million cases a search
 * on an index in 45 segments paid 0.3 ms per word before reading a match, 0.01 ms in one segment.
 * Run over and over (db/merge-in-worker.ts) until it does no more work.
 */
export function searchMergeStep(table: 'case_search' | 'case_search_terms', pages: number): string {
  // The page count must reach FTS5 as an SQL integer (see setHashSize).
  return `INSERT INTO ${table} (${table}, rank) VALUES ('merge', ${-Math.max(1, Math.trunc(pages))})`;
}

/** The highest case id (0 with none): where a bulk load's new cases will start. */
export function maxCaseId(db: Db): number {
  return db.get<{ n: number | null }>(sql`SELECT max(id) AS n FROM cases`)?.n ?? 0;
}

/**
 * Indexes the cases from `fromId` on, after a bulk load that ran without the triggers (the bulk
 * import, lib/server/intake/import-cases.ts): what the insert triggers would have done row by row
 * (the index and its vocabulary, case_search_terms), in two statements, without re-reading the
 * million cases already indexed as a rebuild would.
 */
export function indexCasesFrom(db: Db, fromId: number): void {
  db.run(sql`INSERT INTO case_search (rowid, radicado, subject, description, customer_name, document_number, messages)
    SELECT case_id, radicado, subject, description, customer_name, document_number, messages
    FROM case_search_source WHERE case_id >= ${fromId}`);
  db.run(sql`INSERT INTO case_search_terms (rowid, body)
    SELECT 1, concat_ws(' ', radicado, subject, description, customer_name, document_number, messages)
    FROM case_search_source WHERE case_id >= ${fromId}`);
}
