import 'server-only';
import type { Db } from '@/db/client';
import { radicadoFromPath } from '@/lib/domain/radicado';
import type { ActorSource } from '../core/action';
import type { Actor } from '../core/actor';
import { requestCtx, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { consumeLimit, type LimitSpec } from '../core/rate-limit';
import { VISITOR, type PetitionerActor } from './actors';
import { caseForLink, readCaseAccess } from './portal-session';

/** A petitioner may act on their case 30 times an hour: plenty for people, a wall for scripts. */
export const CUSTOMER_ACTION_LIMIT: LimitSpec = {
  name: 'customer-case',
  points: 30,
  durationSeconds: 60 * 60,
  blockSeconds: 15 * 60,
};

/**
 * The petitioner's server actions (`action({ access: petitioner, … })`): the signed cookie must open
 * exactly the case named by the input's `radicado`, and each case has its own rate limit.
 */
export const petitioner: ActorSource = {
  async actorFor(input): Promise<Actor> {
    const ctx = requestCtx(VISITOR);
    const radicado = typeof input.radicado === 'string' ? input.radicado : '';
    const access = await readCaseAccess(ctx, radicado);
    if (!access) throw new AppError('UNAUTHENTICATED');
    // rate-limit.ts still takes the database itself (its store is the raw connection); outside a
    // transaction the context's connection is exactly that.
    const limit = await consumeLimit(ctx.db as Db, CUSTOMER_ACTION_LIMIT, String(access.caseId));
    if (limit.isLimited) {
      throw new AppError('RATE_LIMITED', 'too many actions', {
        detail: { retryAfterSeconds: limit.retryAfterSeconds },
      });
    }
    return access.actor;
  },
};

/**
 * The petitioner reading their case (a file download): the same signed cookie for the radicado in
 * the path, or a signed link token for that case (`?token=`, portal-access.ts signedAttachmentUrl),
 * without the action budget, since reading spends nothing.
 */
export const petitionerReader: ActorSource = {
  async actorFor(input): Promise<Actor> {
    const ctx = requestCtx(VISITOR);
    const radicado = typeof input.radicado === 'string' ? input.radicado : '';
    const access = await readCaseAccess(ctx, radicado);
    if (access) return access.actor;
    const linked = await caseForLink(ctx, {
      token: typeof input.token === 'string' ? input.token : null,
    });
    if (!linked || linked.radicado !== radicadoFromPath(radicado)) {
      throw new AppError('UNAUTHENTICATED');
    }
    return { role: 'customer', id: null, caseId: linked.id };
  },
};

/** The one case the petitioner holds, or FORBIDDEN for anyone else. */
export function petitionerCaseId(ctx: Ctx): number {
  const actor = ctx.actor;
  if (actor.role !== 'customer' || actor.caseId === null) throw new AppError('FORBIDDEN');
  return (actor as PetitionerActor).caseId;
}
