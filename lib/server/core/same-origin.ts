import 'server-only';
import { env } from '@/lib/env';
import { foreignWriteReason, isSafeMethod } from '@/lib/net/origin';
import { AppError } from './errors';

/** What our own pages send; a cross-site HTML form can only send the first two and text/plain. */
const BODY_TYPES = ['application/json', 'multipart/form-data'];

/**
 * A request that changes data must come from the app's own pages (issue 13 §3): a browser tells
 * where a request comes from (`Origin`, `Sec-Fetch-Site`), and a foreign one is refused (403)
 * before anything is read; a body must be JSON or multipart (415), never the text/plain a foreign
 * form can send without asking. Callers without a browser (scripts, the intake API with its own
 * key) send neither header and are judged by their credentials as before.
 */
export function assertSameOriginWrite(request: Request): void {
  if (isSafeMethod(request.method)) return;
  const foreign = foreignWriteReason(request, env().NEXTAUTH_URL);
  if (foreign !== null) throw new AppError('FORBIDDEN', foreign);
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
