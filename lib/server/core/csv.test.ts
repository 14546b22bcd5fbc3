import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/test-db';
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
  let cleanup = () => {};
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

  it('streams every row of a query on its own connection and closes it at the end', async () => {
    const t = createTestDb();
    cleanup = t.cleanup;
    t.db.$client.exec('CREATE TABLE nums (n INTEGER)');
    const insert = t.db.$client.prepare('INSERT INTO nums VALUES (?)');
    t.db.$client.transaction(() => {
      for (let i = 1; i <= 25_000; i++) insert.run(i);
    })();
    const response = sqlCsvResponse(t.db, 'n.csv', ['n'], 'SELECT n FROM nums ORDER BY n', []);
    // The shared connection stays usable while the export is open.
    expect(t.db.$client.prepare('SELECT count(*) AS c FROM nums').get()).toEqual({ c: 25_000 });
    const lines = (await response.text()).split('\r\n');
    expect(lines).toHaveLength(25_002); // header, 25,000 rows, the empty tail after the last CRLF
    expect(lines[1]).toBe('1');
    expect(lines[25_000]).toBe('25000');
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
