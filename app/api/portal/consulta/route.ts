import { NextResponse } from 'next/server';
import { clientIp } from '@/lib/server/core/http';
import { route } from '@/lib/server/core/route';
import { lookupCase } from '@/lib/server/portal/lookup-case';
import { grantCaseCookie } from '@/lib/server/portal/portal-cookies';

/** Status lookup: radicado + document number (or access code) opens the case for this browser. */
export const POST = route({ access: 'public' }, async (ctx, input, { request }) => {
  const found = await lookupCase(ctx, input, { clientIp: clientIp(request.headers) });
  const response = NextResponse.json({ url: `/consulta/${found.radicado}` });
  grantCaseCookie(response, found.caseId, found.radicado, ctx.now);
  return response;
});
