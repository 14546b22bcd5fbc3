/**
 * How a query becomes the index's words, on both engines. How `indexForm` folds a word the way
 * FTS5's tokenizer does is SQLite's alone (search-words.sqlite.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { searchWords, toMatchQuery, toSegments } from './search-words';

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
