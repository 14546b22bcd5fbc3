import { NextResponse } from 'next/server';
import { AppError } from '@/lib/server/core/errors';
import { clientIp } from '@/lib/server/core/http';
import { errorResponse } from '@/lib/server/core/route';
import { lookupCase } from '@/lib/server/portal/lookup-case';
import { grantCaseCookie } from '@/lib/server/portal/portal-cookies';

/** Status lookup: radicado + document number (or access code) opens the case for this browser. */
export async function POST(request: Request) {
  try {
    const body = await request.json().catch(() => {
      throw new AppError('VALIDATION', 'not json', { fieldErrors: { _form: ['invalid'] } });
    });
    const now = new Date();
    const found = await lookupCase(body, clientIp(request.headers), { now });
    const response = NextResponse.json({ url: `/consulta/${found.radicado}` });
    grantCaseCookie(response, found.caseId, found.radicado, now);
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
