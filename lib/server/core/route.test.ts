import { describe, expect, it, vi } from 'vitest';

vi.mock('next-intl/server', () => ({
  getTranslations: async () => {
    const t = (key: string) => key;
    t.has = () => true;
    return t;
  },
}));

const { route } = await import('./route');

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
