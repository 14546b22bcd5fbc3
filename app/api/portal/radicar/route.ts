import { NextResponse } from 'next/server';
import { AppError } from '@/lib/server/core/errors';
import { clientIp } from '@/lib/server/core/http';
import { errorResponse, route } from '@/lib/server/core/route';
import { fileFromPortal, MAX_FILING_BYTES } from '@/lib/server/intake/portal-file-case';
import { flashAccessCode, grantCaseCookie } from '@/lib/server/portal/portal-cookies';

/** The public filing form posts here (multipart, with attachments). */
const file = route({ access: 'public' }, async (ctx, input, { request }) => {
  const result = await fileFromPortal(ctx, input, { clientIp: clientIp(request.headers) });
  switch (result.kind) {
    case 'open_case':
      return NextResponse.json(
        {
          code: 'OPEN_CASE_EXISTS',
          radicadoTail: result.radicadoTail,
          receivedAt: result.receivedAt,
        },
        { status: 409 },
      );
    case 'added_to_case':
      return NextResponse.json({ code: 'ADDED_TO_CASE', radicadoTail: result.radicadoTail });
    case 'created': {
      const { created } = result;
      const response = NextResponse.json(
        { radicado: created.radicado, constanciaUrl: `/consulta/${created.radicado}/constancia` },
        { status: 201 },
      );
      grantCaseCookie(response, created.id, created.radicado, ctx.now);
      if (created.accessCode) flashAccessCode(response, created.radicado, created.accessCode);
      return response;
    }
  }
});

/** A body larger than the attachments allow is refused before it is read. */
export async function POST(request: Request): Promise<Response> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_FILING_BYTES) {
    return errorResponse(
      new AppError('VALIDATION', 'body too large', {
        fieldErrors: { attachments: ['fileTooLarge'] },
      }),
    );
  }
  return file(request);
}
