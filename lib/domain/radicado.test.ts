import { describe, expect, it } from 'vitest';
import {
  RADICADO_PREFIX_PATTERN,
  decodePathSegment,
  formatRadicado,
  isRadicado,
  nextSequence,
  parseRadicado,
  radicadoFromPath,
} from './radicado';

describe('formatRadicado', () => {
  // prettier-ignore
  const cases: readonly [string, number, number, string][] = [
    ['PQRS',       2026, 123,        'PQRS-2026-000123'],
    ['PQRS',       2026, 1,          'PQRS-2026-000001'],
    ['PQRS',       2026, 999_999,    'PQRS-2026-999999'],
    ['PQRS',       2026, 1_000_000,  'PQRS-2026-1000000'],
    ['PQRS',       2026, 1_234_567,  'PQRS-2026-1234567'],
    ['AB',         2000, 42,         'AB-2000-000042'],
    ['ABCDEFGHIJ', 9999, 7,          'ABCDEFGHIJ-9999-000007'],
  ];

  it.each(cases)('%s, %i, %i → %s', (prefix, year, seq, expected) => {
    expect(formatRadicado(prefix, year, seq)).toBe(expected);
  });

  it.each([
    ['a lower-case prefix', 'pqrs'],
    ['a one-letter prefix', 'P'],
    ['an eleven-letter prefix', 'ABCDEFGHIJK'],
    ['an empty prefix', ''],
    ['a prefix with digits', 'PQ1'],
    ['a prefix with a hyphen', 'PQ-RS'],
    ['a prefix with an accent', 'PETICIÓN'],
    ['a prefix with spaces', ' PQRS '],
  ])('rejects %s', (_label, prefix) => {
    expect(() => formatRadicado(prefix, 2026, 1)).toThrow(RangeError);
  });

  it.each([1999, 10_000, 2026.5, Number.NaN, -2026])('rejects the year %s', (year) => {
    expect(() => formatRadicado('PQRS', year, 1)).toThrow(RangeError);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'rejects the sequence %s',
    (seq) => {
      expect(() => formatRadicado('PQRS', 2026, seq)).toThrow(RangeError);
    },
  );
});

describe('parseRadicado', () => {
  // prettier-ignore
  const cases: readonly [string, { prefix: string; year: number; seq: number }][] = [
    ['PQRS-2026-000123',       { prefix: 'PQRS', year: 2026, seq: 123 }],
    ['pqrs-2026-000123',       { prefix: 'PQRS', year: 2026, seq: 123 }],
    ['PqRs-2026-000123',       { prefix: 'PQRS', year: 2026, seq: 123 }],
    ['  PQRS-2026-000123\n',   { prefix: 'PQRS', year: 2026, seq: 123 }],
    ['\tpqrs-2026-000123 ',    { prefix: 'PQRS', year: 2026, seq: 123 }],
    ['PQRS-2026-1234567',      { prefix: 'PQRS', year: 2026, seq: 1_234_567 }],
    ['AB-2000-000001',         { prefix: 'AB', year: 2000, seq: 1 }],
    ['ABCDEFGHIJ-9999-999999', { prefix: 'ABCDEFGHIJ', year: 9999, seq: 999_999 }],
  ];

  it.each(cases)('%j → %o', (input, expected) => {
    expect(parseRadicado(input)).toEqual(expected);
    expect(isRadicado(input)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['no sequence', 'PQRS-2026'],
    ['a short sequence', 'PQRS-2026-123'],
    ['a five-digit sequence', 'PQRS-2026-00123'],
    ['a padded seven-digit sequence', 'PQRS-2026-0000123'],
    ['sequence zero', 'PQRS-2026-000000'],
    ['a year before 2000', 'PQRS-1999-000123'],
    ['a two-digit year', 'PQRS-26-000123'],
    ['a five-digit year', 'PQRS-20260-000123'],
    ['a one-letter prefix', 'P-2026-000123'],
    ['an eleven-letter prefix', 'ABCDEFGHIJK-2026-000123'],
    ['a prefix with digits', 'PQ1-2026-000123'],
    ['an accented prefix', 'PETICIÓN-2026-000123'],
    ['a prefix that only upper-cases into letters', 'straße-2026-000123'],
    ['spaces inside', 'PQRS - 2026 - 000123'],
    ['underscores', 'PQRS_2026_000123'],
    ['no separators', 'PQRS2026000123'],
    ['a trailing character', 'PQRS-2026-000123x'],
    ['a sign in the sequence', 'PQRS-2026-+00123'],
    ['non-ASCII digits', 'PQRS-2026-٠٠٠١٢٣'],
    ['a sequence beyond safe integers', 'PQRS-2026-99999999999999999'],
  ])('rejects %s', (_label, input) => {
    expect(parseRadicado(input)).toBeNull();
    expect(isRadicado(input)).toBe(false);
  });

  it.each([
    ['PQRS', 2026, 1],
    ['PQRS', 2026, 123],
    ['PQRS', 2026, 999_999],
    ['PQRS', 2026, 1_000_000],
    ['RAD', 2031, 45_678_901],
    ['AB', 2000, 1],
    ['ABCDEFGHIJ', 9999, Number.MAX_SAFE_INTEGER],
  ])('round-trips %s %i %i', (prefix, year, seq) => {
    const radicado = formatRadicado(prefix, year, seq);
    expect(parseRadicado(radicado)).toEqual({ prefix, year, seq });
    expect(parseRadicado(radicado.toLowerCase())).toEqual({ prefix, year, seq });
  });

  it('re-formats a tolerated spelling into the canonical one', () => {
    const parts = parseRadicado('  pqrs-2026-000123 ');
    expect(parts).not.toBeNull();
    const { prefix, year, seq } = parts!;
    expect(formatRadicado(prefix, year, seq)).toBe('PQRS-2026-000123');
  });
});

describe('RADICADO_PREFIX_PATTERN', () => {
  it.each([
    ['PQRS', true],
    ['AB', true],
    ['ABCDEFGHIJ', true],
    ['A', false],
    ['ABCDEFGHIJK', false],
    ['pqrs', false],
    ['PQ RS', false],
  ])('%s → %s', (prefix, expected) => {
    expect(RADICADO_PREFIX_PATTERN.test(prefix)).toBe(expected);
  });
});

describe('nextSequence', () => {
  it.each([
    [null, 1],
    [0, 1],
    [1, 2],
    [122, 123],
    [999_999, 1_000_000],
  ])('after %s → %i', (last, expected) => {
    expect(nextSequence(last)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER])(
    'rejects a last value of %s',
    (last) => {
      expect(() => nextSequence(last)).toThrow(RangeError);
    },
  );
});

describe('radicadoFromPath (issue 13: a malformed URL is no server error)', () => {
  it.each([
    ['PQRS-2026-000123', 'PQRS-2026-000123'],
    [' pqrs-2026-000123 ', 'PQRS-2026-000123'],
    ['PQRS%2D2026%2D000123', 'PQRS-2026-000123'],
  ])('reads %j as %s', (segment, expected) => {
    expect(radicadoFromPath(segment)).toBe(expected);
  });

  it.each(['%ZZ', 'PQRS-2026-000123%', '%E0%A4%A', '%', '', 'PQRS-2026-000123/../x'])(
    'names no case for the malformed %j, without throwing',
    (segment) => {
      expect(radicadoFromPath(segment)).toBeNull();
    },
  );

  it('keeps a segment whose escapes are malformed as it was sent', () => {
    expect(decodePathSegment('%ZZ')).toBe('%ZZ');
    expect(decodePathSegment('a%20b')).toBe('a b');
  });
});
