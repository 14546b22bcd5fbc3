import { withAuth, type NextRequestWithAuth } from 'next-auth/middleware';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { foreignWriteReason } from '@/lib/net/origin';

/** Staff areas: signed-out visitors are sent to sign-in (optimistic only, STYLE.md rule 5). */
const STAFF_AREAS = ['/casos', '/tablero', '/calidad', '/causas', '/informes', '/admin'];
const toSignIn = withAuth({ pages: { signIn: '/ingresar' } });

function isWellFormed(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Before any route: a path that is not valid percent-encoding (`/casos/%ZZ`) names no page, so it
 * gets the not-found page in the app's layout instead of the framework's bare 500; a server action
 * posted from another site is a 403 (issue 13 §3); then signed-out visitors of staff areas go to
 * sign-in. Every page, action and route still checks its caller.
 */
export function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  // A server action posted from another site: the framework would refuse it with a bare 500.
  if (request.headers.has('next-action')) {
    const foreign = foreignWriteReason(request, process.env.NEXTAUTH_URL || undefined);
    if (foreign !== null) return new NextResponse('Forbidden', { status: 403 });
  }
  if (!isWellFormed(pathname)) {
    return NextResponse.rewrite(new URL('/no-encontrada', request.url));
  }
  if (STAFF_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`))) {
    return toSignIn(request as NextRequestWithAuth, event);
  }
  return NextResponse.next();
}

export const config = {
  // Everything but the framework's own assets.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
