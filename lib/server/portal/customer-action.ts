import 'server-only';
import { toFailure, type ActionResult } from '../core/action';
import type { Actor } from '../core/actor';
import { getDb } from '@/db/client';
import { AppError } from '../core/errors';
import { readCaseAccess } from './portal-session';
import { consumeLimit, type LimitSpec } from '../core/rate-limit';

/** A petitioner may act on their case 30 times an hour: plenty for people, a wall for scripts. */
export const CUSTOMER_ACTION_LIMIT: LimitSpec = {
  name: 'customer-case',
  points: 30,
  durationSeconds: 60 * 60,
  blockSeconds: 15 * 60,
};

/**
 * The wrapper for the petitioner's server actions: the signed cookie must open exactly the case in
 * the URL; then the handler runs; expected failures come back as translated data, never a 500.
 */
export function customerAction<T>(
  handler: (
    form: FormData,
    access: { caseId: number; radicado: string; actor: Actor },
  ) => T | Promise<T>,
) {
  return async (radicado: string, form: FormData): Promise<ActionResult<Awaited<T>>> => {
    try {
      const access = await readCaseAccess(radicado);
      if (!access) throw new AppError('UNAUTHENTICATED');
      const limit = await consumeLimit(getDb(), CUSTOMER_ACTION_LIMIT, String(access.caseId));
      if (limit.isLimited) {
        throw new AppError('RATE_LIMITED', 'too many actions', {
          detail: { retryAfterSeconds: limit.retryAfterSeconds },
        });
      }
      return { ok: true, data: await handler(form, access) };
    } catch (error) {
      return toFailure(error);
    }
  };
}
