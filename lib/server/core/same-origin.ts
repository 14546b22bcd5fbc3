import 'server-only';
import { env } from '@/lib/env';
import { AppError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What our own pages send; a cross-site HTML form can only send the first two and text/plain. */
const BODY_TYPES = ['application/json', 'multipart/form-data'];

/** The app's own origins: the one people use (NEXTAUTH_URL) and the one the request reached. */
function ownOrigins(request: Request): Set<string> {
  const origins = new Set([new URL(request.url).origin]);
  const configured = env().NEXTAUTH_URL;
  if (configured) origins.add(new URL(configured).origin);
  return origins;
}

/**
 * A request that changes data must come from the app's own pages (issue 13 §3): a browser tells
 * where a request comes from (`Origin`, `Sec-Fetch-Site`), and a foreign one is refused (403)
 * before anything is read; a body must be JSON or multipart (415), never the text/plain a foreign
 * form can send without asking. Callers without a browser (scripts, the intake API with its own
 * key) send neither header and are judged by their credentials as before.
 */
export function assertSameOriginWrite(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    throw new AppError('FORBIDDEN', `cross-site write (${site})`);
  }
  const origin = request.headers.get('origin');
  if (origin !== null && !ownOrigins(request).has(origin)) {
    throw new AppError('FORBIDDEN', `foreign origin ${origin}`);
  }
  const length = request.headers.get('content-length');
  // Over HTTP the length is declared (or the body is chunked); a Request built in-process has none.
  const hasBody =
    length !== null
      ? Number(length) > 0
      : request.headers.has('transfer-encoding') || request.body !== null;
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (hasBody && !BODY_TYPES.some((accepted) => type.startsWith(accepted))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `body of type ${type || 'none'}`);
  }
}
