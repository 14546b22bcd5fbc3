import 'server-only';

/**
 * The client's address as the reverse proxy in front of the app reports it. Deployments must run
 * behind a proxy that sets X-Forwarded-For (README); without one every client shares 'local'.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'local';
}
