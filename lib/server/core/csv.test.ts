import { afterEach, describe, expect, it } from 'vitest';
import { keysetRows } from '@/db/pg/export-streams';
import { teams } from '@/db/tables';
import { numbersExport } from '../testing/engine-sql';
import { countRows } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { csvResponse, encodeCsv, safeCell, sqlCsvResponse } from './csv';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+57 300', `'+57 300`],
    ['-1+2', `'-1+2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['Peña', 'Peña'],
  ])('neutralises a formula-looking text %j', (input, expected) => {
    expect(safeCell(input)).toBe(expected);
  });

  it('keeps numbers as numbers (negative too) and blanks null', () => {
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBe('');
    expect(safeCell(Number.NaN)).toBe('');
    expect(safeCell(true)).toBe(1);
  });

  it('quotes separators, quotes and line breaks (RFC 4180, CRLF)', () => {
    expect(encodeCsv([['a,b', 'say "hi"', 'two\nlines']])).toBe(
      '"a,b","say ""hi""","two\nlines"\r\n',
    );
  });
});

describe('streamed CSV', () => {
  let cleanup = async () => {};
  afterEach(() => cleanup());

  it('starts with a BOM and the header, and is an attachment that is not sniffed', async () => {
    const rows = [[1, 'x']][Symbol.iterator]();
    const response = csvResponse('informe pqrs.csv', ['n', 'v'], rows);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="informe_pqrs.csv"',
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('n,v\r\n1,x\r\n');
  });

  it('streams every row of a query apart from the app’s connection, which stays usable', async () => {
    const t = await openTestDb();
    cleanup = t.cleanup;
    const response = sqlCsvResponse(t.db, 'n.csv', ['n'], numbersExport(25_000));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = (await reader.read()).value!;
    text += (await reader.read()).value!;
    // The export is open, part read: the app's own reads go on meanwhile.
    expect(await countRows(t.db, teams)).toBeGreaterThanOrEqual(0);
    for (let next = await reader.read(); !next.done; next = await reader.read()) text += next.value;
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(25_002); // header, 25,000 rows, the empty tail after the last CRLF
    expect(lines[1]).toBe('1');
    expect(lines[25_000]).toBe('25000');
    expect(lines.slice(1, -1).map(Number)).toEqual(Array.from({ length: 25_000 }, (_, i) => i + 1));
  });

  it('reads keyset pages only as the client reads, and none after it cancels', async () => {
    const pages: (number | undefined)[] = [];
    const rows = keysetRows<{ n: number }>(async (after, limit) => {
      pages.push(after?.n);
      const start = (after?.n ?? 0) + 1;
      return Array.from({ length: limit }, (_, i) => ({ n: start + i }));
    }, 100);
    const mapped = (async function* () {
      for await (const row of rows) yield [row.n];
    })();
    let closed = 0;
    const response = csvResponse('x.csv', ['n'], mapped, () => closed++);
    const reader = response.body!.getReader();
    await reader.read(); // the header
    await reader.read(); // the first chunk of rows: three pages of 100
    expect(pages).toEqual([undefined, 100, 200]);
    await reader.cancel();
    expect(closed).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pages).toHaveLength(3);
  });

  it('stops reading when the client cancels', async () => {
    let pulled = 0;
    let closed = 0;
    const rows: Iterator<number[]> = {
      next: () => ({ done: false, value: [pulled++] }),
    };
    const response = csvResponse('x.csv', ['n'], rows, () => closed++);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(1);
    expect(pulled).toBeLessThan(10_000);
  });
});
