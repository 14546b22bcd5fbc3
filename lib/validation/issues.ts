import type { z } from 'zod';

/**
 * Schemas carry message KEYS (e.g. `required`, `email`); the UI and the server translate them with
 * the `validation` catalogue, passing the limits as parameters.
 */
export type FieldErrorKeys = Record<
  string,
  { key: string; params: Record<string, number | string> }[]
>;

export function collectFieldErrors(error: z.ZodError): FieldErrorKeys {
  const out: FieldErrorKeys = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join('.') : '_form';
    const params: Record<string, number | string> = {};
    if ('minimum' in issue && issue.minimum !== undefined) params.min = Number(issue.minimum);
    if ('maximum' in issue && issue.maximum !== undefined) params.max = Number(issue.maximum);
    (out[field] ??= []).push({ key: issue.message, params });
  }
  return out;
}

/**
 * The one routine that turns field message keys into words, on the server (core/failure.ts, for
 * every action, route and the intake API) and in the browser (the sign-in form's own check).
 */
export function translateFieldErrors(
  errors: FieldErrorKeys,
  translate: (key: string, params: Record<string, number | string>) => string,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, list]) => [
      field,
      list.map((e) => translate(e.key, e.params)),
    ]),
  );
}
