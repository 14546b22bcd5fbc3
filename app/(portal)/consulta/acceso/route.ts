import { NextResponse } from 'next/server';
import { route } from '@/lib/server/core/route';
import { grantCaseCookie } from '@/lib/server/portal/portal-cookies';
import { caseForLink } from '@/lib/server/portal/portal-session';

/** The signed link in our emails: it opens that one case for this browser, then shows it. */
export const GET = route({ access: 'public' }, async (ctx, input, { request }) => {
  const token = typeof input.token === 'string' ? input.token : null;
  const found = await caseForLink(ctx, { token });
  if (!found) return NextResponse.redirect(new URL('/consulta?error=link', request.url), 303);
  const response = NextResponse.redirect(new URL(`/consulta/${found.radicado}`, request.url), 303);
  grantCaseCookie(response, found.id, found.radicado, ctx.now);
  return response;
});
