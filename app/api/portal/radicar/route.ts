import { NextResponse } from 'next/server';
import { AppError } from '@/lib/server/core/errors';
import { clientIp } from '@/lib/server/core/http';
import { errorResponse } from '@/lib/server/core/route';
import { fileFromPortal, MAX_FILING_BYTES } from '@/lib/server/intake/portal-file-case';
import { flashAccessCode, grantCaseCookie } from '@/lib/server/portal/portal-cookies';

/** The public filing form posts here (multipart, with attachments). */
export async function POST(request: Request) {
  try {
    if (Number(request.headers.get('content-length') ?? 0) > MAX_FILING_BYTES) {
      throw new AppError('VALIDATION', 'body too large', {
        fieldErrors: { attachments: ['fileTooLarge'] },
      });
    }
    const form = await request.formData().catch(() => {
      throw new AppError('VALIDATION', 'not a form', { fieldErrors: { _form: ['invalid'] } });
    });
    const now = new Date();
    const result = await fileFromPortal(form, clientIp(request.headers), { now });
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
        grantCaseCookie(response, created.id, created.radicado, now);
        if (created.accessCode) flashAccessCode(response, created.radicado, created.accessCode);
        return response;
      }
    }
  } catch (error) {
    return errorResponse(error);
  }
}
