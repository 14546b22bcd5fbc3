import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { createTestDb } from '../testing/test-db';
import { indexForm, searchWords, toMatchQuery, toSegments } from './search-words';

describe('toMatchQuery', () => {
  it('quotes each word as a prefix, drops function words and keeps short words exact', async () => {
    expect(toMatchQuery('Cobro de la FACTURA')).toBe('"cobro"* AND "factura"*');
    expect(toMatchQuery('de la')).toBe('"de" AND "la"');
    expect(toMatchQuery('luz 24 h')).toBe('"luz"* AND "24" AND "h"');
    expect(toMatchQuery('NEAR("x" OR z*)')).toBe('"near"* AND "x" AND "or" AND "z"');
    expect(toMatchQuery('*"-()')).toBeNull();
  });
});

describe('toSegments', () => {
  it('cuts marked text into runs and drops the markers', async () => {
    expect(toSegments('…un \uE000recargo\uE001 por \uE000mora\uE001')).toEqual([
      { text: '…un ', isMatch: false },
      { text: 'recargo', isMatch: true },
      { text: ' por ', isMatch: false },
      { text: 'mora', isMatch: true },
    ]);
  });
});

describe('searchWords', () => {
  it('marks words of three letters and more as prefixes', () => {
    expect(searchWords('el IVA de 2 facturas')).toEqual([
      { text: 'iva', isPrefix: true },
      { text: '2', isPrefix: false },
      { text: 'facturas', isPrefix: true },
    ]);
  });
});

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
