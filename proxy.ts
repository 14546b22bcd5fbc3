import { withAuth, type NextRequestWithAuth } from 'next-auth/middleware';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { foreignWriteReason } from '@/lib/net/origin';
import {
  newNonce,
  responseKind,
  securityHeaders,
  servedOverHttps,
} from '@/lib/server/core/security-headers';
import { decodeSessionToken } from '@/lib/server/auth/session-token';

/** Staff areas: signed-out visitors are sent to sign-in (optimistic only, STYLE.md rule 5). */
const STAFF_AREAS = [
  '/casos',
  '/peticionarios',
  '/tablero',
  '/calidad',
  '/causas',
  '/informes',
  '/admin',
];
const toSignIn = withAuth({ pages: { signIn: '/ingresar' }, jwt: { decode: decodeSessionToken } });

function isWellFormed(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Before any route: every response gets the security headers (core/security-headers.ts), a page
 * with a fresh script nonce that Next.js reads from the policy passed on in the request headers;
 * a server action posted from another site is a 403 (issue 13 §3) where the framework would
 * answer a bare 500; a path that is not valid percent-encoding (`/casos/%ZZ`) names no page, so it
 * gets the not-found page in the app's layout instead of the framework's bare 500; then signed-out
 * visitors of staff areas go to sign-in. Every page, action and route still checks its caller.
 */
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  const wellFormed = isWellFormed(pathname);
  const kind = wellFormed ? responseKind(pathname) : 'page';
  const nonce = kind === 'page' ? newNonce() : undefined;
  const headers = securityHeaders({
    kind,
    nonce,
    https: servedOverHttps(),
    dev: env().NODE_ENV === 'development',
  });
  const forwarded = new Headers(request.headers);
  forwarded.delete('x-nonce');
  forwarded.delete('content-security-policy');
  if (nonce) {
    forwarded.set('x-nonce', nonce);
    forwarded.set('content-security-policy', headers['Content-Security-Policy']!);
  }
  const secured = (response: Response) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };

  if (request.headers.has('next-action')) {
    const foreign = foreignWriteReason(request, env().NEXTAUTH_URL);
    if (foreign !== null) return secured(new NextResponse('Forbidden', { status: 403 }));
  }
  if (!wellFormed) {
    const notFound = new URL('/no-encontrada', request.url);
    return secured(NextResponse.rewrite(notFound, { request: { headers: forwarded } }));
  }
  if (STAFF_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`))) {
    // Signed out: the redirect to sign-in; signed in: nothing, and the page renders below.
    const refused = await toSignIn(request as NextRequestWithAuth, event);
    if (refused) return secured(refused);
  }
  return secured(NextResponse.next({ request: { headers: forwarded } }));
}

export const config = {
  // Everything, the framework's own assets included (they get the `data` headers); the image
  // optimizer is not used.
  matcher: ['/((?!_next/image).*)'],
};
