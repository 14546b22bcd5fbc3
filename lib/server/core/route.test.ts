import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';

vi.mock('next-intl/server', () => ({
  getTranslations: async () => {
    const t = (key: string) => key;
    t.has = () => true;
    return t;
  },
}));

const { route } = await import('./route');
const { AppError } = await import('./errors');
const { openTestDb } = await import('../testing/test-db');
const { categories, rootCauses } = await import('@/db/tables');

describe('the route wrapper reads bad bodies as bad input', () => {
  const echo = route({ access: 'public' }, (_ctx, input) => input);

  it('answers 422 on the form field for a multipart body that does not parse', async () => {
    const response = await echo(
      new Request('http://localhost/x', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=nope' },
        body: 'not a multipart body',
      }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { _form: [expect.any(String)] },
    });
  });

  it('answers 422 for JSON that does not parse', async () => {
    const response = await echo(
      new Request('http://localhost/x', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{ broken',
      }),
    );
    expect(response.status).toBe(422);
  });
});

describe('the route wrapper refuses writes from other sites (issue 13 §3)', () => {
  const calls: unknown[] = [];
  const write = route({ access: 'public' }, (_ctx, input) => {
    calls.push(input);
    return { ok: true };
  });
  const post = (headers: Record<string, string>, body = '{"body":"nota"}') =>
    write(new Request('http://localhost:3000/api/x', { method: 'POST', headers, body }));

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example', 'content-type': 'text/plain' }],
    [
      'a foreign Origin with JSON',
      { origin: 'https://evil.example', 'content-type': 'application/json' },
    ],
    [
      'Sec-Fetch-Site: cross-site',
      { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
    ],
    [
      'Sec-Fetch-Site: same-site',
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
    ],
  ])('answers 403 to %s and never runs the handler', async (_label, headers) => {
    calls.length = 0;
    const response = await post(headers);
    expect(response.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('answers 415 to a text/plain body from its own origin, and runs nothing', async () => {
    calls.length = 0;
    const response = await post({ origin: 'http://localhost:3000', 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(calls).toEqual([]);
  });

  it('lets its own pages and credentialed scripts write JSON', async () => {
    calls.length = 0;
    const own = { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };
    expect((await post({ ...own, 'content-type': 'application/json' })).status).toBe(200);
    expect((await post({ 'content-type': 'application/json' })).status).toBe(200);
    expect(calls).toEqual([{ body: 'nota' }, { body: 'nota' }]);
  });
});

describe('the route wrapper answers a write the database refused as a 4xx (issue 13 §4)', () => {
  let db: Conn;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await openTestDb()));
  afterAll(() => cleanup());
  const answer = (write: () => unknown) =>
    route({ access: 'public', messages: ['board.validation'] }, () => write())(
      new Request('http://localhost/x'),
    );

  it('a row that names a missing one (foreign key): 422, logged', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const response = await answer(() =>
      db.insert(rootCauses).values({ processId: 9_999, name: 'Fantasma' }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { _form: [expect.any(String)] },
    });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('constraint'),
      // SQLite's name for it, or PostgreSQL's SQLSTATE.
      expect.stringMatching(/^(SQLITE_CONSTRAINT_FOREIGNKEY|23503)$/),
      expect.anything(),
    );
    warn.mockRestore();
  });

  it('a value already taken (unique): 409', async () => {
    await db.insert(categories).values({ name: 'Facturación' });
    const response = await answer(() => db.insert(categories).values({ name: 'Facturación' }));
    expect(response.status).toBe(409);
  });

  it('anything else stays a logged 500', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await answer(() => {
      throw new RangeError('Invalid time value');
    });
    expect(response.status).toBe(500);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it("reads the route's own message areas first", async () => {
    const response = await answer(() => {
      throw new AppError('VALIDATION', 'x', { fieldErrors: { caseIds: ['noCasesSelected'] } });
    });
    expect(await response.json()).toMatchObject({
      fieldErrors: { caseIds: ['board.validation.noCasesSelected'] },
    });
  });
});
