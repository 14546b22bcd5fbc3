import 'server-only';
import type { Locale } from '@/lib/domain/enums';
import type { Problem } from '@/lib/validation/intake-api';
import { HTTP_STATUS, isAppError, type ErrorCode } from '../core/errors';
import { describeFailure, type Translate } from '../core/failure';
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

const statusOf = (code: ErrorCode | 'INTERNAL') => (code === 'INTERNAL' ? 500 : HTTP_STATUS[code]);

/**
 * Any error as an RFC 9457 problem in the caller's language: the field messages are the one
 * translator's (core/failure.ts); the title names the error code; a refused guard is the detail.
 * An unexpected error is logged there and answered 500 without its details.
 */
export function problemFromError(error: unknown, locale: Locale): Problem {
  // The catalogue's typed keys, seen as the loose translator failure.ts takes (as in core/action.ts).
  const t = serverTranslator(locale) as unknown as Translate;
  const failure = describeFailure(error, t);
  const guard = isAppError(error) ? error.detail?.guard : undefined;
  const errors = failure.fieldErrors;
  return {
    type: `${PROBLEM_TYPE_BASE}${failure.code.toLowerCase()}`,
    title: t(`errors.${failure.code}`),
    status: statusOf(failure.code),
    ...(typeof guard === 'string' ? { detail: guard } : {}),
    ...(errors && Object.keys(errors).length > 0 ? { errors } : {}),
  };
}

/**
 * The intake API's failure response (and its route wrapper's `onError`): problem+json, with
 * Retry-After when rate-limited and the Bearer challenge on 401.
 */
export function renderProblem(error: unknown, request: Request): Response {
  const problem = problemFromError(error, apiLocale(request));
  const retry = isAppError(error) ? error.detail?.retryAfterSeconds : undefined;
  const headers: Record<string, string> =
    typeof retry === 'number' ? { 'Retry-After': String(retry) } : {};
  if (problem.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="ventanilla"';
  return problemResponse(problem, headers);
}
