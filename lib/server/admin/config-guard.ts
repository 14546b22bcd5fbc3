import 'server-only';
import type { Actor } from '../core/actor';
import { AppError } from '../core/errors';

/** Configuration use cases: admins (and set-up scripts) only; everyone else gets 403. */
export function assertAdmin(
  actor: Actor,
): asserts actor is Extract<Actor, { role: 'admin' | 'system' }> {
  if (actor.role !== 'admin' && actor.role !== 'system') throw new AppError('FORBIDDEN');
}
