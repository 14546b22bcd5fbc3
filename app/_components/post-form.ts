/** What a route handler answers on failure: a code, a translated message and field messages. */
export interface FormFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  fieldErrors: Record<string, string[]>;
  retryAfterSeconds?: number;
}

/** Posts a form (or JSON) to one of our route handlers; expected failures come back as data. */
export async function postForm<T>(
  url: string,
  body: FormData | Record<string, unknown>,
): Promise<{ ok: true; status: number; data: T } | FormFailure> {
  const response = await fetch(url, {
    method: 'POST',
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
