import 'server-only';
import type { NextResponse } from 'next/server';
import { servedOverHttps } from '@/lib/server/core/security-headers';
import { CASE_COOKIE, CASE_COOKIE_MINUTES, caseCookiePath, signCaseAccess } from './portal-access';

export const ACCESS_CODE_COOKIE = 'ventanilla_codigo';

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
    secure: servedOverHttps(),
    path: caseCookiePath(radicado),
    expires,
  });
}

/** An anonymous filer's access code, shown once on the constancia and never stored in clear. */
export function flashAccessCode(response: NextResponse, radicado: string, code: string) {
  response.cookies.set(ACCESS_CODE_COOKIE, code, {
    httpOnly: true,
    sameSite: 'strict',
    secure: servedOverHttps(),
    path: `${caseCookiePath(radicado)}/constancia`,
    maxAge: 10 * 60,
  });
}
