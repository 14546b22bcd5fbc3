const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Methods that read only: no origin check, no body. */
export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method);

/**
 * Why a request that may change data comes from another site, or null when it does not: the
 * browser says where a request comes from (`Sec-Fetch-Site`, `Origin`), and only the app's own
 * origins (the one the request reached and the configured public URL) may write. Callers without
 * a browser (scripts, the intake API with its own key) send neither header.
 */
export function foreignWriteReason(request: Request, publicUrl: string | undefined): string | null {
  if (isSafeMethod(request.method)) return null;
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none')
    return `cross-site write (${site})`;
  const origin = request.headers.get('origin');
  if (origin === null) return null;
  const own = new Set([new URL(request.url).origin]);
  if (publicUrl) own.add(new URL(publicUrl).origin);
  return own.has(origin) ? null : `foreign origin ${origin}`;
}
