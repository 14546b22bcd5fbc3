import 'server-only';
import { NextResponse } from 'next/server';
import { toFailure } from './action';
import { HTTP_STATUS, isAppError } from './errors';

/**
 * The client's address as the reverse proxy in front of the app reports it. Deployments must run
 * behind a proxy that sets X-Forwarded-For (README); without one every client shares 'local'.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'local';
}

/** Maps any error to its HTTP status and a translated body; unexpected errors are a 500 logged once. */
export async function errorResponse(error: unknown): Promise<NextResponse> {
  const failure = await toFailure(error);
  const status = isAppError(error) ? HTTP_STATUS[error.code] : 500;
  const headers: Record<string, string> = {};
  const retry = isAppError(error) ? error.detail?.retryAfterSeconds : undefined;
  if (typeof retry === 'number') headers['Retry-After'] = String(retry);
  return NextResponse.json(
    { code: failure.code, message: failure.message, fieldErrors: failure.fieldErrors ?? {} },
    { status, headers },
  );
}
