import 'server-only';
import { mapInOrder } from '../core/in-order';
import type { Ctx } from '../core/context';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, customers } from '@/db/tables';
import {
  casesOfPage,
  highlightPage,
  newestMatches,
  wordsStartingWith,
  type MatchColumns,
} from '@/db/sql/search';
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
 * Case search: the one module that knows the full-text index exists (STYLE.md). The index is the
 * FTS5 table `case_search` (db/migrations/0001_case_search.sql), one row per case, kept current by
 * triggers, with its vocabulary beside it (0014); db/sql/search.ts holds their SQL.
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

/** Newest first; the FTS5 query that highlights the key in the snippet. */
async function findDirect(
  db: Conn,
  key: DirectKey,
  scope: SQL | undefined,
): Promise<{ ids: number[]; match: string }> {
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
  const phrases = key.values.map(quote).join(' OR ');
  return { ids: rows.map((r) => r.id), match: `${key.column} : (${phrases})` };
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
  db: Conn,
  match: string,
  scope: SQL | undefined,
  need: number,
): Promise<{ ranked: number[]; total: number; isCapped: boolean }> {
  const newest = await newestMatches(db, match, scope, RANK_WINDOW + 1);
  const isCapped = newest.length > RANK_WINDOW;
  // Newest first: the one past the window is the oldest.
  if (isCapped) newest.pop();
  const total = newest.length;
  if (total < 2 || need <= 0) return { ranked: newest, total, isCapped };
  const within = async (columns: MatchColumns, limit: number) =>
    await newestMatches(db, match, scope, limit, { columns, fromId: newest.at(-1)! });
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
        receivedAt: new Date(row.receivedAt),
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
  const direct = key ? await findDirect(db, key, scope) : null;
  if (direct && direct.ids.length > 0) {
    const ids = direct.ids.slice(offset, offset + pageSize);
    return {
      total: direct.ids.length,
      page,
      pageSize,
      rows: await loadHits(
        db,
        ids,
        await highlightPage(db, ids, direct.match, SNIPPET_MARKS),
        scope,
      ),
      isTotalCapped: false,
    };
  }

  const words = searchWords(q);
  if (words.length === 0) {
    throw new AppError('VALIDATION', 'nothing to search for', { fieldErrors: { q: ['invalid'] } });
  }
  const terms = await mapInOrder(words, async (word) => await termFor(db, word));
  if (terms.includes(null)) return { total: 0, page, pageSize, rows: [], isTotalCapped: false };
  const found = await findRanked(db, terms.join(' AND '), scope, offset + pageSize);
  const ids = found.ranked.slice(offset, offset + pageSize);
  // Highlighted as typed: over one page, a prefix costs nothing.
  const highlight = words.map(asTerm).join(' AND ');
  return {
    total: found.total,
    page,
    pageSize,
    rows: await loadHits(db, ids, await highlightPage(db, ids, highlight, SNIPPET_MARKS), scope),
    isTotalCapped: found.isCapped,
  };
}
