/**
 * What a user typed into the staff search box, as words for the full-text index: parsing, FTS5
 * quoting, the index's folding, and the snippet markers. Pure; search-cases.ts runs the queries.
 */

/** Words after this many are ignored: every word narrows the AND, and each costs a lookup. */
const MAX_TERMS = 12;
/** Shorter words match exactly: a one- or two-letter prefix matches nearly every case. */
const MIN_PREFIX_LENGTH = 3;
/**
 * The longest prefix case_search indexes as such (prefix = '3 4'): a longer one is named word by
 * word from the vocabulary (search-cases.ts), or FTS5 merges the lists of all its words.
 */
export const LONGEST_INDEXED_PREFIX = 4;
/**
 * Spanish function words are dropped from a query that has other words: nearly every case has
 * them, so they cost a full scan of the index and filter nothing.
 */
// prettier-ignore
const STOPWORDS = new Set(['a', 'al', 'como', 'con', 'de', 'del', 'e', 'el', 'en', 'es', 'la', 'las', 'le', 'les', 'lo', 'los', 'mas', 'me', 'mi', 'mis', 'no', 'o', 'para', 'pero', 'por', 'que', 'se', 'si', 'sin', 'su', 'sus', 'u', 'un', 'una', 'unas', 'unos', 'y', 'ya']);

export interface SearchWord {
  /** Lower case, as typed (accents kept: FTS5 folds them in a query). */
  text: string;
  /** Matches every word it starts; short words match only themselves. */
  isPrefix: boolean;
}

/** A user's word as an FTS5 string: inside double quotes only `"` is special, and it is doubled. */
export function quote(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

function withoutDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * The words of a query: only letters and digits survive, so quotes, `*`, `-`, parentheses, NEAR
 * and OR typed by the user are text, never syntax. Empty when nothing searchable is left.
 */
export function searchWords(q: string): SearchWord[] {
  const words =
    q
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu) ?? [];
  const unique = [...new Set(words)];
  const meaningful = unique.filter((w) => !STOPWORDS.has(withoutDiacritics(w)));
  return (meaningful.length > 0 ? meaningful : unique)
    .slice(0, MAX_TERMS)
    .map((text) => ({ text, isPrefix: text.length >= MIN_PREFIX_LENGTH }));
}

/** A word as an FTS5 term: `"factur"*` for a prefix, `"24"` for a short word. */
export function asTerm(word: SearchWord): string {
  return word.isPrefix ? `${quote(word.text)}*` : quote(word.text);
}

/**
 * The FTS5 query for what a user typed: each word a quoted term, all of them required
 * (`"cobro"* AND "factur"*`). Null when nothing searchable is left.
 */
export function toMatchQuery(q: string): string | null {
  const words = searchWords(q);
  return words.length === 0 ? null : words.map(asTerm).join(' AND ');
}

/** Letters whose folding by the index's tokenizer (unicode61, remove_diacritics 2) is known. */
const FOLDABLE = /^[a-z0-9áàâäéèêëíìîïóòôöúùûüñç]+$/u;

/**
 * The word as the index stores it (lower case, accents removed: "facturación" → "facturacion"),
 * or null when it has a letter whose folding this function does not know for certain: such a word
 * is left for FTS5 to fold. The test beside it checks every letter against the tokenizer itself.
 */
export function indexForm(word: string): string | null {
  const lower = word.normalize('NFC').toLowerCase();
  return FOLDABLE.test(lower) ? withoutDiacritics(lower) : null;
}

/** Private-use characters around matches in snippet(): no case text uses them. */
export const MATCH_OPEN = '\uE000';
export const MATCH_CLOSE = '\uE001';

export interface SnippetSegment {
  text: string;
  isMatch: boolean;
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
