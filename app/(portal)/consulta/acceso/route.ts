import { NextResponse, type NextRequest } from 'next/server';
import { grantCaseCookie } from '@/lib/server/portal/portal-cookies';
import { caseForLink } from '@/lib/server/portal/portal-session';

/** The signed link in our emails: it opens that one case for this browser, then shows it. */
export async function GET(request: NextRequest) {
  const now = new Date();
  const found = caseForLink(request.nextUrl.searchParams.get('token'), now);
  if (!found) return NextResponse.redirect(new URL('/consulta?error=link', request.url), 303);
  const response = NextResponse.redirect(new URL(`/consulta/${found.radicado}`, request.url), 303);
  grantCaseCookie(response, found.id, found.radicado, now);
  return response;
}
