import 'server-only';
import type { NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { CASE_COOKIE, CASE_COOKIE_MINUTES, caseCookiePath, signCaseAccess } from './portal-access';

export const ACCESS_CODE_COOKIE = 'ventanilla_codigo';

const isSecure = () => (env().NEXTAUTH_URL ?? '').startsWith('https://');

/** Opens one case for this browser for a while; the cookie only travels to that case's pages. */
export function grantCaseCookie(
  response: NextResponse,
  caseId: number,
  radicado: string,
  now: Date,
) {
  const expires = new Date(now.getTime() + CASE_COOKIE_MINUTES * 60_000);
  response.cookies.set(CASE_COOKIE, signCaseAccess(caseId, expires, 'cookie'), {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(),
    path: caseCookiePath(radicado),
    expires,
  });
}

/** An anonymous filer's access code, shown once on the constancia and never stored in clear. */
export function flashAccessCode(response: NextResponse, radicado: string, code: string) {
  response.cookies.set(ACCESS_CODE_COOKIE, code, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecure(),
    path: `${caseCookiePath(radicado)}/constancia`,
    maxAge: 10 * 60,
  });
}
