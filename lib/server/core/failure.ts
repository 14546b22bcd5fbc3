import 'server-only';
import { translateFieldErrors, type FieldErrorKeys } from '@/lib/validation/issues';
import { expectedFailure, isAppError, type ErrorCode } from './errors';

export type ActionFailure = {
  ok: false;
  code: ErrorCode | 'INTERNAL';
  message: string;
  fieldErrors?: Record<string, string[]>;
};

/** A translator over the whole catalogue (next-intl's `getTranslations()` or `serverTranslator`). */
export interface Translate {
  (key: string, params?: Record<string, number | string>): string;
  has(key: string): boolean;
}

/**
 * The one place an error becomes words: field message keys are looked up in the given areas'
 * `validation` first (an admin form's own wording), then the shared `validation` catalogue; a refused
 * guard has its own sentence; anything unexpected is logged once and said as INTERNAL.
 */
export function describeFailure(
  thrown: unknown,
  t: Translate,
  areas: readonly string[] = [],
): ActionFailure {
  const error = expectedFailure(thrown);
  if (!isAppError(error)) {
    console.error('[request] unexpected error', error);
    return { ok: false, code: 'INTERNAL', message: t('errors.INTERNAL') };
  }
  const translate = (key: string, params: Record<string, number | string> = {}) => {
    const found = [...areas, 'validation'].map((a) => `${a}.${key}`).find((k) => t.has(k));
    try {
      return found ? t(found, params) : t('validation.invalid');
    } catch (failure) {
      // A message missing its parameters is our bug, logged; the person still gets a 4xx.
      console.error('[request] field message', found, failure);
      return t('validation.invalid');
    }
  };
  const issues = error.detail?.issues as FieldErrorKeys | undefined;
  const source: FieldErrorKeys | undefined =
    issues ??
    (error.fieldErrors &&
      Object.fromEntries(
        Object.entries(error.fieldErrors).map(([field, keys]) => [
          field,
          keys.map((key) => ({ key, params: fieldParams(error.detail) })),
        ]),
      ));
  const fieldErrors = source && translateFieldErrors(source, translate);
  const guard = typeof error.detail?.guard === 'string' ? error.detail.guard : null;
  const message =
    guard && t.has(`guards.${guard}`) ? t(`guards.${guard}`) : t(`errors.${error.code}`);
  return { ok: false, code: error.code, message, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** Parameters a verb attached for its field messages (e.g. `{ placeholder }`). */
function fieldParams(detail: Record<string, unknown> | undefined): Record<string, string | number> {
  const params = detail?.params;
  return params && typeof params === 'object' ? (params as Record<string, string | number>) : {};
}
