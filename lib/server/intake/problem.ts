import 'server-only';
import type { Locale } from '@/lib/domain/enums';
import { translateFieldErrors, type FieldErrorKeys } from '@/lib/validation/issues';
import type { Problem } from '@/lib/validation/intake-api';
import { HTTP_STATUS, isAppError, type ErrorCode } from '../core/errors';
import { serverTranslator } from '../notices/translator';

export const PROBLEM_TYPE_BASE = 'https://ventanilla.dev/problemas/';

/** The API answers in the language the client asks for (Accept-Language), Spanish by default. */
export function apiLocale(request: Request): Locale {
  return /^\s*en\b/i.test(request.headers.get('accept-language') ?? '') ? 'en' : 'es';
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

/** A problem for one of our error codes, its title and field messages in the caller's language. */
export function problemOf(
  code: ErrorCode | 'INTERNAL',
  locale: Locale,
  extra: { detail?: string; fieldErrors?: Record<string, string[]>; issues?: FieldErrorKeys } = {},
): Problem {
  const t = serverTranslator(locale);
  const translate = (key: string, params: Record<string, number | string> = {}) => {
    const full = `validation.${key}` as 'validation.invalid';
    return t.has(full) ? t(full, params) : t('validation.invalid');
  };
  const errors = extra.issues
    ? translateFieldErrors(extra.issues, translate)
    : extra.fieldErrors &&
      Object.fromEntries(
        Object.entries(extra.fieldErrors).map(([field, keys]) => [
          field,
          keys.map((k) => translate(k)),
        ]),
      );
  return {
    type: `${PROBLEM_TYPE_BASE}${code.toLowerCase()}`,
    title: t(`errors.${code}`),
    status: code === 'INTERNAL' ? 500 : HTTP_STATUS[code],
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(errors && Object.keys(errors).length > 0 ? { errors } : {}),
  };
}

/** Any error as a problem; an unexpected one is logged and answered 500 without its details. */
export function problemFromError(error: unknown, locale: Locale): Problem {
  if (!isAppError(error)) {
    console.error('[api] unexpected error', error);
    return problemOf('INTERNAL', locale);
  }
  return problemOf(error.code, locale, {
    fieldErrors: error.fieldErrors,
    issues: error.detail?.issues as FieldErrorKeys | undefined,
    detail: typeof error.detail?.guard === 'string' ? error.detail.guard : undefined,
  });
}
