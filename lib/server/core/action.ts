import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import type { StaffRole } from '@/lib/domain/enums';
import { translateFieldErrors, type FieldErrorKeys } from '@/lib/validation/issues';
import { currentStaff, type StaffActor } from '../auth/session';
import { AppError, isAppError, type ErrorCode } from './errors';
import { parseInput } from './parse';

export type ActionFailure = {
  ok: false;
  code: ErrorCode | 'INTERNAL';
  message: string;
  fieldErrors?: Record<string, string[]>;
};
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** Turns any error into data the UI can show, translated into the user's language. */
export async function toFailure(error: unknown): Promise<ActionFailure> {
  const tErrors = await getTranslations('errors');
  if (!isAppError(error)) {
    console.error('[action] unexpected error', error);
    return { ok: false, code: 'INTERNAL', message: tErrors('INTERNAL') };
  }
  const tValidation = await getTranslations('validation');
  const translate = (key: string, params: Record<string, number | string> = {}) =>
    tValidation.has(key) ? tValidation(key, params) : tValidation('invalid');
  const issues = error.detail?.issues as FieldErrorKeys | undefined;
  const fieldErrors = issues
    ? translateFieldErrors(issues, translate)
    : error.fieldErrors &&
      Object.fromEntries(
        Object.entries(error.fieldErrors).map(([field, keys]) => [
          field,
          keys.map((k) => translate(k)),
        ]),
      );
  const guard = typeof error.detail?.guard === 'string' ? error.detail.guard : null;
  const tGuards = await getTranslations('guards');
  const message = guard && tGuards.has(guard) ? tGuards(guard) : tErrors(error.code);
  return { ok: false, code: error.code, message, fieldErrors };
}

/**
 * The one wrapper for staff server actions (STYLE.md rule 4): session → role → zod → handler,
 * with expected failures returned as data instead of thrown.
 */
export function staffAction<S extends z.ZodType, T>(
  config: { roles?: readonly StaffRole[]; schema: S },
  handler: (input: z.infer<S>, actor: StaffActor) => T | Promise<T>,
) {
  return async (raw: unknown): Promise<ActionResult<Awaited<T>>> => {
    try {
      const actor = await currentStaff();
      if (!actor) throw new AppError('UNAUTHENTICATED');
      if (config.roles && !config.roles.includes(actor.role)) throw new AppError('FORBIDDEN');
      const input = parseInput(config.schema, raw);
      return { ok: true, data: await handler(input, actor) };
    } catch (error) {
      return toFailure(error);
    }
  };
}
