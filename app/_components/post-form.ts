/** What a route handler answers on failure: a code, a translated message and field messages. */
export interface FormFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  fieldErrors: Record<string, string[]>;
  retryAfterSeconds?: number;
}

/** Long enough for a filing with its files on a slow connection. */
export const POST_TIMEOUT_MS = 120_000;

/** Posts a form (or JSON) to one of our route handlers; expected failures come back as data. */
export async function postForm<T>(
  url: string,
  body: FormData | Record<string, unknown>,
): Promise<{ ok: true; status: number; data: T } | FormFailure> {
  const response = await fetch(url, {
    method: 'POST',
    // Never an endless "Sending…": a request with no answer in two minutes fails as a network error.
    signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    ...(body instanceof FormData
      ? { body }
      : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
  const data = await response.json().catch(() => ({}));
  if (response.ok || response.status === 409)
    return { ok: true, status: response.status, data: data as T };
  const retry = Number(response.headers.get('Retry-After'));
  return {
    ok: false,
    status: response.status,
    code: data.code ?? 'INTERNAL',
    message: data.message ?? '',
    fieldErrors: data.fieldErrors ?? {},
    retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : undefined,
  };
}

/**
 * A file input left empty still sends an empty entry, which server actions re-serialise under a
 * made-up name; dropping it here means "no file" never reads as "an empty file".
 */
export function withoutEmptyFiles(form: FormData): FormData {
  const out = new FormData();
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' && value.size === 0 && value.name === '') continue;
    out.append(key, value);
  }
  return out;
}
