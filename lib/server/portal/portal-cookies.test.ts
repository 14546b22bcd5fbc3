import { NextResponse } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_CODE_COOKIE, flashAccessCode, grantCaseCookie } from './portal-cookies';
import { CASE_COOKIE } from './portal-access';

const NOW = new Date('2026-03-16T15:00:00Z');

afterEach(() => vi.unstubAllEnvs());

function issued(publicUrl: string) {
  vi.stubEnv('NEXTAUTH_URL', publicUrl);
  vi.stubEnv('NEXTAUTH_SECRET', 'a test secret that is long enough');
  const response = NextResponse.json({ ok: true });
  grantCaseCookie(response, 7, 'PQRS-2026-000007', NOW);
  flashAccessCode(response, 'PQRS-2026-000007', 'ABCD-1234');
  return [response.cookies.get(CASE_COOKIE)!, response.cookies.get(ACCESS_CODE_COOKIE)!];
}

describe('the portal cookies', () => {
  it('are Secure when the app is served over https', () => {
    const cookies = issued('https://pqrs.example.gov.co');
    for (const cookie of cookies) expect(cookie).toMatchObject({ secure: true, httpOnly: true });
    expect(cookies[0]!.path).toBe('/consulta/PQRS-2026-000007');
  });

  it('are not Secure over plain http, or the browser would drop them', () => {
    for (const cookie of issued('http://localhost:3000')) expect(cookie.secure).toBe(false);
  });
});
