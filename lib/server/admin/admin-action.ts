import 'server-only';
import { getTranslations } from 'next-intl/server';
import { toFailure, type ActionResult } from '../core/action';
import type { StaffActor } from '../auth/session';
import { isAppError } from '../core/errors';
import { requireAdmin } from './access';

/**
 * The wrapper for admin server actions: 401/403 unless an admin, expected failures returned as
 * data. Field error keys of the admin catalogue (`adminPeople.validation`) win over the shared ones.
 */
export function adminAction<T>(handler: (input: unknown, actor: StaffActor) => T | Promise<T>) {
  return async (raw: unknown): Promise<ActionResult<Awaited<T>>> => {
    try {
      const actor = await requireAdmin();
      return { ok: true, data: await handler(raw, actor) };
    } catch (error) {
      const failure = await toFailure(error);
      if (isAppError(error) && error.fieldErrors) {
        const t = await getTranslations('adminPeople.validation');
        for (const [field, keys] of Object.entries(error.fieldErrors)) {
          if (!keys.some((k) => t.has(k))) continue;
          failure.fieldErrors = {
            ...failure.fieldErrors,
            [field]: keys.map((k) => (t.has(k) ? t(k) : (failure.fieldErrors?.[field]?.[0] ?? k))),
          };
        }
      }
      return failure;
    }
  };
}
