/**
 * `indexForm` folds a typed word exactly as SQLite's FTS5 tokenizer (unicode61, remove_diacritics
 * 2) folds the index's text, so a long prefix can be looked up in the index's vocabulary
 * (search-cases.ts termFor). A check against FTS5 itself: PostgreSQL's search folds the query with
 * its own configuration (unaccent) and never calls indexForm.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { createTestDb } from '../testing/test-db';
import { indexForm } from './search-words';

describe('indexForm', () => {
  let t: ReturnType<typeof createTestDb>;
  let db: Db;
  beforeEach(() => {
    t = createTestDb();
    db = t.db;
  });
  afterEach(() => t.cleanup());

  /** What the index's own tokenizer makes of `text`: its words, in order of first sight. */
  function tokenize(text: string): string[] {
    db.run(sql`
      CREATE VIRTUAL TABLE temp.probe USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`);
    db.run(sql`CREATE VIRTUAL TABLE temp.probe_words USING fts5vocab(temp, probe, instance)`);
    db.run(sql`INSERT INTO temp.probe (body) VALUES (${text})`);
    const words = db
      .all<{ term: string }>(sql`SELECT term FROM temp.probe_words ORDER BY offset`)
      .map((r) => r.term);
    db.run(sql`DROP TABLE temp.probe_words`);
    db.run(sql`DROP TABLE temp.probe`);
    return words;
  }

  it('folds every letter it claims to know exactly as the index does', () => {
    const known = 'abcdefghijklmnopqrstuvwxyz0123456789áàâäéèêëíìîïóòôöúùûüñç';
    const letters = [...known, ...known.toUpperCase()];
    const words = letters.map((letter) => `x${letter}x`);
    const forms = words.map(indexForm);
    expect(forms).not.toContain(null);
    expect(tokenize(words.join(' '))).toEqual(forms);
    expect(indexForm('Facturación')).toBe('facturacion');
    expect(indexForm('AÑO')).toBe('ano');
  });

  it('leaves a word with any other letter for the index to fold', () => {
    for (const word of ['straße', 'smørrebrød', 'łódź', 'ǆem', 'αβγδε']) {
      expect([word, indexForm(word)]).toEqual([word, null]);
    }
  });
});
