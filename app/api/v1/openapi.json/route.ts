import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/server/intake/openapi';
import { appUrl } from '@/lib/server/portal/portal-access';

/** The intake API's contract, generated from the same zod schemas the handlers validate with. */
export function GET() {
  return NextResponse.json(openApiDocument(appUrl()), {
    headers: { 'Cache-Control': 'public, max-age=300' },
  });
}
