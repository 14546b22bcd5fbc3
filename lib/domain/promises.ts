/**
 * Promises (compromisos) an agent makes during a case (DOMAIN.md §5):
 * pending → kept | broken | renegotiated. A renegotiated promise stays on record unchanged; the
 * caller creates its successor, and together they form a chain whose outcome is counted once.
 */
import type { PromiseStatus } from './enums';

export interface PromiseSnapshot {
  status: PromiseStatus;
  dueAt: Date;
}

export type PromiseAction = 'keep' | 'renegotiate' | 'break';

export interface PromiseActionInput {
  now: Date;
  newDueAt?: Date;
  reason?: string;
}

export type PromiseRefusal =
  'not_pending' | 'already_due' | 'not_yet_due' | 'missing_reason' | 'new_due_not_future';

export type PromiseDecision =
  { ok: true; to: PromiseStatus } | { ok: false; reason: PromiseRefusal };

/** How a chain of renegotiations ended; `renegotiated` never describes a whole chain. */
export type PromiseChainOutcome = Exclude<PromiseStatus, 'renegotiated'>;

function isPastDue(p: PromiseSnapshot, now: Date): boolean {
  return p.dueAt.getTime() < now.getTime();
}

/**
 * A pending promise whose due time has passed is broken, whether or not a job has stored that yet,
 * so every screen and report shows the same status.
 */
export function effectivePromiseStatus(p: PromiseSnapshot, now: Date): PromiseStatus {
  return p.status === 'pending' && isPastDue(p, now) ? 'broken' : p.status;
}

/**
 * Decides whether a stored promise may be kept, renegotiated or marked broken at `now`.
 * Keeping or renegotiating is possible up to and including the due instant; breaking only after it.
 */
export function decidePromiseAction(
  p: PromiseSnapshot,
  action: PromiseAction,
  input: PromiseActionInput,
): PromiseDecision {
  if (p.status !== 'pending') return { ok: false, reason: 'not_pending' };
  const isDue = isPastDue(p, input.now);
  switch (action) {
    case 'keep':
      return isDue ? { ok: false, reason: 'already_due' } : { ok: true, to: 'kept' };
    case 'renegotiate':
      if (isDue) return { ok: false, reason: 'already_due' };
      if (input.reason === undefined || input.reason.trim() === '') {
        return { ok: false, reason: 'missing_reason' };
      }
      // An invalid date compares false, so it is refused here too.
      if (input.newDueAt === undefined || !(input.newDueAt.getTime() > input.now.getTime())) {
        return { ok: false, reason: 'new_due_not_future' };
      }
      return { ok: true, to: 'renegotiated' };
    case 'break':
      return isDue ? { ok: true, to: 'broken' } : { ok: false, reason: 'not_yet_due' };
  }
}

/**
 * The outcome of a chain of renegotiations, oldest first: the effective status of its last promise.
 * Renegotiated links are not counted separately: a promise renegotiated twice and then kept counts
 * as one kept promise, so "% promises kept" measures what the customer finally got.
 * Throws RangeError on an empty chain, or one whose last link is renegotiated (successor missing).
 */
export function summarizePromiseChain(
  chain: readonly PromiseSnapshot[],
  now: Date,
): PromiseChainOutcome {
  const last = chain.at(-1);
  if (last === undefined) throw new RangeError('A promise chain needs at least one promise');
  const status = effectivePromiseStatus(last, now);
  if (status === 'renegotiated') {
    throw new RangeError(
      'The last promise of a chain cannot be renegotiated: its successor is missing',
    );
  }
  return status;
}
