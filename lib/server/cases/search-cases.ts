import 'server-only';
import type { Ctx } from '../core/context';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, customers } from '@/db/schema';
import type { CaseState, CaseType } from '@/lib/domain/enums';
import { formatRadicado, parseRadicado } from '@/lib/domain/radicado';
import { CaseSearchSchema, type CaseSearchInput } from '@/lib/validation/case-search';
import { isStaff } from '../core/actor';
import { caseScopeFilter } from './case-access';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';

/**
 * Case search: the one module that knows the full-text index exists (STYLE.md). The index is the
 * FTS5 table `case_search` (db/migrations/0001_case_search.sql), one row per case, kept current by
 * triggers; this module reads it, and lets bulk loaders suspend and rebuild it.
 */

export interface SnippetSegment {
  text: string;
  isMatch: boolean;
}

export interface SearchHit {
  id: number;
  radicado: string;
  typeCode: CaseType;
  state: CaseState;
  subject: string;
  customerName: string | null;
  receivedAt: Date;
  /** Where the words matched, cut into plain text runs: render `isMatch` runs as <mark>. */
  snippet: SnippetSegment[];
}

export interface SearchResult {
  /** Matches the asker may see, counted up to RANK_WINDOW (see `isTotalCapped`). */
  total: number;
  page: number;
  pageSize: number;
  rows: SearchHit[];
  /** More than RANK_WINDOW cases match: `total` is RANK_WINDOW and the UI should say "more than". */
  isTotalCapped: boolean;
}

/**
 * bm25 weights in the table's column order: radicado, subject, description, customer name,
 * document number, messages. A word in the radicado or subject says more about a case than the
 * same word somewhere in its correspondence.
 */
const BM25 = sql.raw('bm25(case_search, 10.0, 5.0, 2.0, 4.0, 4.0, 1.0)');

/**
 * Ranking reads every candidate's bm25 score, so it is bounded: a query matching more cases than
 * this is ranked among its most recent RANK_WINDOW matches (ids grow with filing time). A word in
 * half the cases ("factura") does not rank anything usefully over two years of them, and the
 * bound keeps such a search near 100 ms at a million cases instead of over a second.
 */
export const RANK_WINDOW = 5000;
/** Words after this many are ignored: every word narrows the AND, and each costs a lookup. */
const MAX_TERMS = 12;
/** Shorter words match exactly: a one- or two-letter prefix matches nearly every case. */
const MIN_PREFIX_LENGTH = 3;
/**
 * Spanish function words are dropped from a query that has other words: nearly every case has
 * them, so they cost a full scan of the index and filter nothing.
 */
// prettier-ignore
const STOPWORDS = new Set(['a', 'al', 'como', 'con', 'de', 'del', 'e', 'el', 'en', 'es', 'la', 'las', 'le', 'les', 'lo', 'los', 'mas', 'me', 'mi', 'mis', 'no', 'o', 'para', 'pero', 'por', 'que', 'se', 'si', 'sin', 'su', 'sus', 'u', 'un', 'una', 'unas', 'unos', 'y', 'ya']);

/** Private-use characters around matches in snippet(): no case text uses them. */
const MATCH_OPEN = '\uE000';
const MATCH_CLOSE = '\uE001';
const ELLIPSIS = '…';
/** Tokens per snippet (FTS5 allows up to 64). */
const SNIPPET_TOKENS = 16;

/** A user's word as an FTS5 string: inside double quotes only `"` is special, and it is doubled. */
function quote(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

function withoutDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * The FTS5 query for what a user typed: each word a quoted prefix term, all of them required
 * (`"cobro"* AND "factur"*`). Only letters and digits survive, so quotes, `*`, `-`, parentheses,
 * NEAR and OR typed by the user are text, never syntax. Null when nothing searchable is left.
 */
export function toMatchQuery(q: string): string | null {
  const words =
    q
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu) ?? [];
  const unique = [...new Set(words)];
  const meaningful = unique.filter((w) => !STOPWORDS.has(withoutDiacritics(w)));
  const terms = (meaningful.length > 0 ? meaningful : unique).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms
    .map((w) => (w.length >= MIN_PREFIX_LENGTH ? `${quote(w)}*` : quote(w)))
    .join(' AND ');
}

/** snippet() output → segments; markers never reach the browser, and nothing is parsed as HTML. */
export function toSegments(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let isMatch = false;
  for (const part of marked.split(/([\uE000\uE001])/u)) {
    if (part === MATCH_OPEN || part === MATCH_CLOSE) {
      isMatch = part === MATCH_OPEN;
      continue;
    }
    if (part === '') continue;
    const last = segments.at(-1);
    if (last && last.isMatch === isMatch) last.text += part;
    else segments.push({ text: part, isMatch });
  }
  return segments;
}

type DirectKey = { column: 'radicado' | 'document_number'; values: string[] };

/**
 * A radicado (any letter case) or a document number (`52.123.456`, `900123456-7`) is looked up
 * exactly through its unique index, not ranked among cases that merely mention it.
 */
function directKey(q: string): DirectKey | null {
  const parts = parseRadicado(q);
  if (parts) {
    return { column: 'radicado', values: [formatRadicado(parts.prefix, parts.year, parts.seq)] };
  }
  const compact = q.trim().toUpperCase().replace(/[\s.]/g, '');
  if (!/^[A-Z0-9-]{3,20}$/.test(compact) || !/\d/.test(compact)) return null;
  return {
    column: 'document_number',
    values: [...new Set([compact, compact.replaceAll('-', '')])],
  };
}

/** Newest first; the FTS5 query that highlights the key in the snippet. */
function findDirect(
  db: Conn,
  key: DirectKey,
  scope: SQL | undefined,
): { ids: number[]; match: string } {
  const rows =
    key.column === 'radicado'
      ? db
          .select({ id: cases.id })
          .from(cases)
          .where(and(eq(cases.radicado, key.values[0]!), scope))
          .all()
      : db
          .select({ id: cases.id })
          .from(cases)
          .innerJoin(customers, eq(customers.id, cases.customerId))
          .where(and(inArray(customers.documentNumber, key.values), scope))
          .orderBy(desc(cases.id))
          .all();
  const phrases = key.values.map(quote).join(' OR ');
  return { ids: rows.map((r) => r.id), match: `${key.column} : (${phrases})` };
}

/**
 * The most recent RANK_WINDOW matches the asker may see, best bm25 first (lower is better), ties
 * newest first. Walking the index newest first lets FTS5 stop at the window without sorting; the
 * CROSS JOIN keeps it the outer loop (SQLite never reorders one), so the scope is a primary-key
 * probe per match, never an index query per case of the team.
 */
function findRanked(
  db: Conn,
  match: string,
  scope: SQL | undefined,
): { ids: number[]; isCapped: boolean } {
  const limit = RANK_WINDOW + 1;
  const rows = scope
    ? db.all<{ id: number; score: number }>(sql`
        SELECT case_search.rowid AS id, ${BM25} AS score
        FROM case_search CROSS JOIN cases ON cases.id = case_search.rowid
        WHERE case_search MATCH ${match} AND ${scope}
        ORDER BY case_search.rowid DESC LIMIT ${limit}`)
    : db.all<{ id: number; score: number }>(sql`
        SELECT rowid AS id, ${BM25} AS score
        FROM case_search
        WHERE case_search MATCH ${match}
        ORDER BY rowid DESC LIMIT ${limit}`);
  const isCapped = rows.length > RANK_WINDOW;
  // Newest first: the one past the window is the oldest.
  if (isCapped) rows.pop();
  rows.sort((a, b) => a.score - b.score || b.id - a.id);
  return { ids: rows.map((r) => r.id), isCapped };
}

/**
 * snippet() for one page of cases. FTS5 expands a prefix term ("factur"*) by merging the index
 * entries of every word it starts, once per statement, which over a million cases costs as much as
 * the ranking itself. So the page's text is copied into a scratch FTS5 table of this connection,
 * with the same columns and tokenizer as case_search (the test of accents in snippets holds them
 * together), and highlighted there: the same query over a few dozen rows.
 */
function pageSnippets(db: Conn, ids: number[], match: string): Map<number, string | null> {
  if (ids.length === 0) return new Map();
  db.run(sql`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.case_search_page USING fts5(
      radicado, subject, description, customer_name, document_number, messages,
      tokenize = 'unicode61 remove_diacritics 2'
    )`);
  db.run(sql`DELETE FROM temp.case_search_page`);
  db.run(sql`
    INSERT INTO temp.case_search_page
      (rowid, radicado, subject, description, customer_name, document_number, messages)
    SELECT case_id, radicado, subject, description, customer_name, document_number, messages
    FROM case_search_source WHERE case_id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  const rows = db.all<{ id: number; snippet: string | null }>(sql`
    SELECT rowid AS id,
      snippet(case_search_page, -1, ${MATCH_OPEN}, ${MATCH_CLOSE}, ${ELLIPSIS}, ${SNIPPET_TOKENS})
        AS snippet
    FROM temp.case_search_page WHERE case_search_page MATCH ${match}`);
  db.run(sql`DELETE FROM temp.case_search_page`);
  return new Map(rows.map((r) => [r.id, r.snippet]));
}

function loadHits(
  db: Conn,
  ids: number[],
  snippets: Map<number, string | null>,
  scope: SQL | undefined,
): SearchHit[] {
  if (ids.length === 0) return [];
  const rows = db
    .select({
      id: cases.id,
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      state: cases.state,
      subject: cases.subject,
      customerName: customers.fullName,
      receivedAt: cases.receivedAt,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .where(and(inArray(cases.id, ids), scope))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const marked = snippets.get(id);
    const snippet = marked ? toSegments(marked) : [{ text: row.subject, isMatch: false }];
    return [{ ...row, snippet }];
  });
}

/**
 * Staff search over radicado, subject, description, customer name and document number, and every
 * message of the case (public replies and internal notes alike, hence staff only). Results are
 * scoped like the queues: an agent finds only cases they may open.
 */
export async function searchCases(ctx: Ctx, input: CaseSearchInput): Promise<SearchResult> {
  const { db, actor } = ctx;
  if (!isStaff(actor) && actor.role !== 'system') {
    throw new AppError('FORBIDDEN', 'search is for staff');
  }
  const { q, page, pageSize } = parseInput(CaseSearchSchema, input);
  const scope = caseScopeFilter(actor);
  const offset = (page - 1) * pageSize;

  const key = directKey(q);
  const direct = key ? findDirect(db, key, scope) : null;
  if (direct && direct.ids.length > 0) {
    const ids = direct.ids.slice(offset, offset + pageSize);
    return {
      total: direct.ids.length,
      page,
      pageSize,
      rows: loadHits(db, ids, pageSnippets(db, ids, direct.match), scope),
      isTotalCapped: false,
    };
  }

  const match = toMatchQuery(q);
  if (match === null) {
    throw new AppError('VALIDATION', 'nothing to search for', { fieldErrors: { q: ['invalid'] } });
  }
  const ranked = findRanked(db, match, scope);
  const ids = ranked.ids.slice(offset, offset + pageSize);
  return {
    total: ranked.ids.length,
    page,
    pageSize,
    rows: loadHits(db, ids, pageSnippets(db, ids, match), scope),
    isTotalCapped: ranked.isCapped,
  };
}
