import { NextResponse } from 'next/server';
import { route } from '@/lib/server/core/route';
import { renderProblem } from '@/lib/server/intake/problem';
import { openApiDocument } from '@/lib/server/intake/openapi';
import { appUrl } from '@/lib/server/portal/portal-access';

/** The intake API's contract, generated from the same zod schemas the handlers validate with. */
export const GET = route({ access: 'public', onError: renderProblem }, () =>
  NextResponse.json(openApiDocument(appUrl()), {
    headers: { 'Cache-Control': 'public, max-age=300' },
  }),
);
