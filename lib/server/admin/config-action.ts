import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { Actor } from '../core/actor';
import { toFailure, type ActionFailure } from '../core/action';
import { isAppError } from '../core/errors';
import { requireAdmin } from './access';

export type ConfigResult = { ok: true } | ActionFailure | null;

/**
 * Runs one configuration use case for a form post: admins only (401/403 otherwise), with field
 * errors translated from `adminConfig.validation` first and the shared `validation` catalogue after.
 */
export async function runConfigAction(
  form: FormData,
  change: (input: Record<string, string>, actor: Actor) => unknown,
): Promise<ConfigResult> {
  try {
    const actor = await requireAdmin();
    const input = Object.fromEntries(
      [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    change(input, actor);
    return { ok: true };
  } catch (error) {
    const failure = await toFailure(error);
    if (!isAppError(error) || !error.fieldErrors) return failure;
    const own = await getTranslations('adminConfig.validation');
    const shared = await getTranslations('validation');
    const issues = error.detail?.issues as
      Record<string, { key: string; params: Record<string, number> }[]> | undefined;
    const fieldErrors = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, keys]) => [
        field,
        keys.map((key, i) => {
          const params = issues?.[field]?.[i]?.params ?? {};
          if (own.has(key)) return own(key);
          return shared.has(key) ? shared(key, params) : shared('invalid');
        }),
      ]),
    );
    return { ...failure, fieldErrors };
  }
}
