import fc from 'fast-check';

/**
 * Generators of hostile input for the fuzz suite (lib/server/intake/public-routes.fuzz.test.ts):
 * what a stranger can send our public routes, from near-valid bodies with one field wrong to bytes
 * that are not what they claim to be.
 */

const NASTY = [
  '',
  ' ',
  '\u0000',
  '\u202e',
  '\ufeff',
  '\ud800',
  'Adjunto el recibo \udc00 de marzo \ud83d',
  'null',
  'undefined',
  '[object Object]',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '%ZZ',
  '%',
  '%00',
  '../../etc/passwd',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  '0000-01-01',
  '9999-12-31T99:99:99Z',
  '１２３',
  '\r\n\r\n',
  'PQRS-2026-000001',
  'pqrs-2026-000001 ',
  'PQRS-0000-000000',
  'PQRS-99999-9999999999',
];

const oddChars = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u200b',
  '\u2028',
  '\ufeff',
  '\u202e',
  'é',
  'ñ',
  '𝕏',
  '🙂',
  '\ud83d',
  '\udc00',
  'a',
  ' ',
);

/** Text no form expects: empty, huge, control and invisible characters, lone surrogates, injections. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: oddChars, maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'ñ', '🙂', '\u0000'), fc.integer({ min: 4_000, max: 120_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
);

/** Any JSON value, and the wrong types a field may get: nulls, numbers, arrays, objects. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, [], {}, [[]], ['a']),
  },
);

/**
 * The value with each part kept, replaced by anything, or left out: mostly near-valid, so the
 * inputs get past the first check and reach the deeper ones.
 */
export function nearly(value: unknown, keep = 8): fc.Arbitrary<unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const parts = Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, nearly(inner, keep)]),
    );
    return fc.oneof(
      { weight: keep, arbitrary: fc.record(parts, { requiredKeys: Object.keys(parts) }) },
      { weight: 2, arbitrary: fc.record(parts, { requiredKeys: [] }) },
      { weight: 1, arbitrary: anyJson },
    );
  }
  if (typeof value === 'string') {
    // The valid text with odd characters slipped in: still long enough, so it reaches the store.
    const spliced = fc
      .tuple(fc.nat(value.length), fc.string({ unit: oddChars, minLength: 1, maxLength: 4 }))
      .map(([at, odd]) => value.slice(0, at) + odd + value.slice(at));
    return fc.oneof(
      { weight: keep, arbitrary: fc.constant(value) },
      { weight: 3, arbitrary: spliced },
      { weight: 1, arbitrary: anyJson },
    );
  }
  return fc.oneof(
    { weight: keep, arbitrary: fc.constant(value) },
    { weight: 1, arbitrary: anyJson },
  );
}

/** Text that is not JSON, or JSON cut short. */
export function brokenJson(base: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(base);
  return fc.oneof(
    fc.integer({ min: 0, max: text.length - 1 }).map((n) => text.slice(0, n)),
    fc.constantFrom('{', '{"a":', 'nul', '\ufeff{}', '{"a":1,}', "{'a':1}", '[1,2', '"', '\u0000'),
    hostileText,
  );
}

/** A header value a client can really send (latin-1, no CR/LF/NUL). */
export const headerText: fc.Arbitrary<string> = fc.oneof(
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 120,
  }),
  fc.constantFrom('', 'x'.repeat(4_000), '%ZZ', 'null', '../..'),
);

/** The bytes of small files: good ones the portal takes, and those it must refuse. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
export const SAMPLE_FILES: Readonly<Record<string, Uint8Array>> = {
  png: PNG,
  pdf: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  text: Buffer.from('Factura de marzo: cobro doble.\n'),
  empty: new Uint8Array(0),
  exe: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
  script: Buffer.from('#!/bin/sh\nrm -rf /\n'),
  html: Buffer.from('<html><script>alert(1)</script></html>'),
  binary: Buffer.from([0, 1, 2, 3, 254, 255, 0, 0]),
  truncatedPng: PNG.subarray(0, 12),
};

export const fileName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('factura.pdf', 'foto.png', 'nota.txt', 'virus.exe', 'x.pdf.exe', 'a.txt'),
  fc.constantFrom('factura.pdf', 'foto.png', 'nota.txt', 'recibo.png'),
  fc.constantFrom('', '.', '..', '../../etc/passwd', 'C:\\x\\y.pdf', '\u202efdp.exe', 'ñ.txt'),
  hostileText,
);

export const sampleFile = fc.record({
  name: fileName,
  kind: fc.constantFrom(...Object.keys(SAMPLE_FILES)),
});

/** The intake API's attachments: good and bad base64, too many, every kind of file. */
export const apiAttachments: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(
    fc.record({
      name: fc.oneof({ weight: 4, arbitrary: fileName }, { weight: 1, arbitrary: anyJson }),
      contentType: fc.oneof(fc.constant(undefined), fc.constant('application/pdf'), anyJson),
      contentBase64: fc.oneof(
        {
          weight: 4,
          arbitrary: sampleFile.map((f) => Buffer.from(SAMPLE_FILES[f.kind]!).toString('base64')),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom('', '!!!', 'QQ', 'QQ=', '====', 'aGVsbG8=\n', '\u0000'),
        },
        { weight: 1, arbitrary: anyJson },
      ),
    }),
    { maxLength: 7 },
  ),
  anyJson,
);

/** A path parameter (a radicado, an id) of every shape, with the real one among them. */
export const pathParam = (real: readonly string[], weight = 2): fc.Arbitrary<string> =>
  fc.oneof(
    { weight, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: fc.constantFrom(...real).map((r) => ` ${r.toLowerCase()}\t`) },
    { weight: 1, arbitrary: fc.constantFrom(...real).map((r) => encodeURIComponent(r) + '%') },
    { weight: 4, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );

/** The URL form of a path segment, whatever it holds (a lone surrogate cannot be encoded). */
export function segment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '?'));
  }
}

/** A query string of hostile pairs. */
export const queryString: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('token', 'id'), hostileText), hostileText), {
      maxLength: 4,
    })
    .map((pairs) => pairs.map(([k, v]) => `${segment(k)}=${segment(v)}`).join('&')),
  fc.constantFrom('token=%ZZ', 'token=%', '%%%=&&==', 'token&token=a&token[]=b', 'token=%C0%AF'),
);
