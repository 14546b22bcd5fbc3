import 'server-only';
import { mapInOrder } from '../core/in-order';
import type { Ctx } from '../core/context';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import * as pgSearch from '@/db/pg/search';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import { cases, customers } from '@/db/tables';
import * as liteSearch from '@/db/sql/search';
import { wordsStartingWith, type MatchColumns } from '@/db/sql/search';
import type { CaseState, CaseType } from '@/lib/domain/enums';
import { formatRadicado, parseRadicado } from '@/lib/domain/radicado';
import { CaseSearchSchema, type CaseSearchInput } from '@/lib/validation/case-search';
import { isStaff } from '../core/actor';
import { caseScopeFilter } from './case-access';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import {
  asTerm,
  indexForm,
  LONGEST_INDEXED_PREFIX,
  MATCH_CLOSE,
  MATCH_OPEN,
  quote,
  searchWords,
  toSegments,
  type SearchWord,
  type SnippetSegment,
} from './search-words';

/**
 * Case search: the one module that knows the full-text index exists (STYLE.md). On SQLite the
 * index is the FTS5 table `case_search` (db/migrations/0001_case_search.sql), one row per case,
 * kept current by triggers, with its vocabulary beside it (0014); db/sql/search.ts holds their SQL.
 * On PostgreSQL it is a weighted tsvector per case (db/pg/migrations/0001_case_search.sql, Spanish
 * stems, unaccent), queried by db/pg/search.ts. Both answer the same two questions (`Index`).
 */

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
  /** More than RANK_WINDOW cases match: `total` is RANK_WINDOW and the UI says "more than". */
  isTotalCapped: boolean;
}

/**
 * A search ranks the newest RANK_WINDOW matches the asker may see (ids grow with filing time),
 * and says "more than" when there are more. A word in half the cases ("factura") ranks nothing
 * usefully over two years of them; adding a word narrows it. The window's cost is the page's, not
 * the word's: a few hundred index entries walked, whether the word is in ten cases or 400,000.
 */
export const RANK_WINDOW = 200;
/**
 * A prefix longer than the indexed ones names at most this many words (`("factura" OR
 * "facturacion" OR …)`); with more, FTS5 merges their lists itself. Such prefixes are numbers and
 * rare stems, whose lists are short, so the merge is cheap where naming them would not be.
 */
const MAX_NAMED_WORDS = 32;
const ELLIPSIS = '…';
/** Tokens per snippet (FTS5 allows up to 64). */
const SNIPPET_TOKENS = 16;
const SNIPPET_MARKS = {
  open: MATCH_OPEN,
  close: MATCH_CLOSE,
  ellipsis: ELLIPSIS,
  tokens: SNIPPET_TOKENS,
};

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

/** Newest first. */
async function findDirect(db: Conn, key: DirectKey, scope: SQL | undefined): Promise<number[]> {
  const rows =
    key.column === 'radicado'
      ? await db
          .select({ id: cases.id })
          .from(cases)
          .where(and(eq(cases.radicado, key.values[0]!), scope))
      : await db
          .select({ id: cases.id })
          .from(cases)
          .innerJoin(customers, eq(customers.id, cases.customerId))
          .where(and(inArray(customers.documentNumber, key.values), scope))
          .orderBy(desc(cases.id));
  return rows.map((r) => r.id);
}

/**
 * The index as a search uses it, on either engine: the newest matches of the asker's words (in
 * the scope, within some columns, from an id up), and a highlighted snippet for a page of cases.
 * Null when no case can match (a long prefix no indexed word starts with).
 */
interface Index {
  /** The newest `limit` matches in the asker's scope, newest first. */
  newest(limit: number): Promise<number[]>;
  /** Of `window` (newest matches, newest first), the first `limit` with every word in `columns`. */
  within(window: number[], columns: MatchColumns, limit: number): Promise<number[]>;
  highlight(ids: number[]): Promise<Map<number, string | null>>;
}

/** SQLite's FTS5: the words as one MATCH expression, each prefix named as `termFor` says. */
async function liteIndex(
  db: Conn,
  words: SearchWord[],
  scope: SQL | undefined,
): Promise<Index | null> {
  const terms = await mapInOrder(words, async (word) => await termFor(db, word));
  if (terms.includes(null)) return null;
  const match = terms.join(' AND ');
  // Highlighted as typed: over one page, a prefix costs nothing.
  const highlight = words.map(asTerm).join(' AND ');
  return {
    newest: (limit) => liteSearch.newestMatches(db, match, scope, limit),
    // FTS5 walks the tier's matches newest first from the window's oldest: the window holds every
    // match in scope from there, so these are the window's cases of that tier.
    within: (window, columns, limit) =>
      liteSearch.newestMatches(db, match, scope, limit, { columns, fromId: window.at(-1)! }),
    highlight: (ids) => liteSearch.highlightPage(db, ids, highlight, SNIPPET_MARKS),
  };
}

/**
 * PostgreSQL's tsvector: every word a prefix term, folded and stemmed by its configuration. Its
 * GIN index gives a word's cases in no order, so a walk from an id re-reads every match; a tier
 * is instead the window's own cases checked against the weighted query, by primary key.
 */
function pgIndex(db: Conn, words: string[], scope: SQL | undefined): Index {
  const client = pgQueryable(db);
  return {
    newest: (limit) => pgSearch.newestMatches(client, words, limit, { scope }),
    within: (window, columns, limit) =>
      pgSearch.matchesAmong(client, window, words, columns, limit),
    highlight: (ids) => pgSearch.highlightPage(client, ids, words, SNIPPET_MARKS),
  };
}

/**
 * The snippet of a case found by its key: the key as stored, marked whole (an exact look-up, so
 * nothing else of the case is what matched). The same read on both engines.
 */
async function highlightKey(db: Conn, key: DirectKey, ids: number[]) {
  if (ids.length === 0) return new Map<number, string | null>();
  const value = key.column === 'radicado' ? cases.radicado : customers.documentNumber;
  const rows = await db
    .select({ id: cases.id, value })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .where(inArray(cases.id, ids));
  return new Map(
    rows.map((r) => [r.id, r.value === null ? null : `${MATCH_OPEN}${r.value}${MATCH_CLOSE}`]),
  );
}

/**
 * A word as a term of the index's query. A prefix longer than the indexed ones is named word by
 * word from the vocabulary, so FTS5 walks each word's list lazily instead of merging them all
 * first; null when no word of the index starts with it (nothing can match).
 */
async function termFor(db: Conn, word: SearchWord): Promise<string | null> {
  const folded = word.isPrefix ? indexForm(word.text) : null;
  if (folded === null || [...folded].length <= LONGEST_INDEXED_PREFIX) return asTerm(word);
  const named = await wordsStartingWith(db, folded, MAX_NAMED_WORDS + 1);
  if (named.length === 0) return null;
  if (named.length > MAX_NAMED_WORDS) return asTerm(word);
  return named.length === 1 ? quote(named[0]!) : `(${named.map(quote).join(' OR ')})`;
}

/**
 * The newest RANK_WINDOW matches the asker may see, ranked without scoring: those with every word
 * in the radicado, subject or customer first, then those with them outside the messages, then the
 * rest; newest first among ties. (bm25 would first count every case of each word, a pass over
 * 400,000 entries for "factura".) Only the first `need` of the ranking are worked out: each tier
 * is a walk of the window newest first that stops once it has them.
 */
async function findRanked(
  index: Index,
  need: number,
): Promise<{ ranked: number[]; total: number; isCapped: boolean }> {
  const newest = await index.newest(RANK_WINDOW + 1);
  const isCapped = newest.length > RANK_WINDOW;
  // Newest first: the one past the window is the oldest.
  if (isCapped) newest.pop();
  const total = newest.length;
  if (total < 2 || need <= 0) return { ranked: newest, total, isCapped };
  const within = async (columns: MatchColumns, limit: number) =>
    await index.within(newest, columns, limit);
  const wanted = Math.min(need, total);
  const strong = await within('strong', wanted);
  if (strong.length === wanted) return { ranked: strong, total, isCapped };
  // Every strong match is outside the messages too, so this walk holds the first tiers whole.
  const outside = await within('notMessages', wanted);
  const isStrong = new Set(strong);
  const head = [...strong, ...outside.filter((id) => !isStrong.has(id))];
  if (outside.length === wanted) return { ranked: head, total, isCapped };
  const isOutside = new Set(outside);
  return { ranked: [...head, ...newest.filter((id) => !isOutside.has(id))], total, isCapped };
}

/** The fields a result shows, for the given cases that `scope` lets through, in no order. */
async function casesOfPage(db: Conn, ids: number[], scope: SQL | undefined) {
  if (ids.length === 0) return [];
  return await db
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
    .where(and(inArray(cases.id, ids), scope));
}

async function loadHits(
  db: Conn,
  ids: number[],
  snippets: Map<number, string | null>,
  scope: SQL | undefined,
): Promise<SearchHit[]> {
  const byId = new Map((await casesOfPage(db, ids, scope)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const marked = snippets.get(id);
    const snippet = marked ? toSegments(marked) : [{ text: row.subject, isMatch: false }];
    return [
      {
        ...row,
        typeCode: row.typeCode as CaseType,
        state: row.state as CaseState,
        snippet,
      },
    ];
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
  const direct = key ? await findDirect(db, key, scope) : [];
  if (key && direct.length > 0) {
    const ids = direct.slice(offset, offset + pageSize);
    return {
      total: direct.length,
      page,
      pageSize,
      rows: await loadHits(db, ids, await highlightKey(db, key, ids), scope),
      isTotalCapped: false,
    };
  }

  const words = searchWords(q);
  if (words.length === 0) {
    throw new AppError('VALIDATION', 'nothing to search for', { fieldErrors: { q: ['invalid'] } });
  }
  const index = isPg(db)
    ? pgIndex(
        db,
        words.map((w) => w.text),
        scope,
      )
    : await liteIndex(db, words, scope);
  if (!index) return { total: 0, page, pageSize, rows: [], isTotalCapped: false };
  const found = await findRanked(index, offset + pageSize);
  const ids = found.ranked.slice(offset, offset + pageSize);
  return {
    total: found.total,
    page,
    pageSize,
    rows: await loadHits(db, ids, await index.highlight(ids), scope),
    isTotalCapped: found.isCapped,
  };
}
