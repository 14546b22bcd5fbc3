import { withAuth } from 'next-auth/middleware';

/**
 * Optimistic only (STYLE.md rule 5): signed-out visitors to staff pages are sent to sign-in.
 * Every page, action and route still checks its caller on the server.
 */
export const proxy = withAuth({ pages: { signIn: '/ingresar' } });

export const config = {
  matcher: [
    '/casos/:path*',
    '/tablero/:path*',
    '/calidad/:path*',
    '/causas/:path*',
    '/informes/:path*',
    '/admin/:path*',
  ],
};
