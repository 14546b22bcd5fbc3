import 'server-only';
import { applyCaseAction } from '../cases/apply-case-action';
import type { Ctx } from '../core/context';
import { isAppError, type ErrorCode } from '../core/errors';

/** What a job expects some candidates to answer: the machine's exact check said no, or a race. */
const SKIPPED: ReadonlySet<ErrorCode> = new Set(['INVALID_TRANSITION', 'CONFLICT']);

/**
 * Applies one system action to each candidate case, each in its own transaction. A job's SQL only
 * narrows the candidates; the state machine decides on each (exact calendar, current state), so a
 * refusal skips the case. Returns how many cases the action was applied to.
 */
export async function applyToEach(
  ctx: Ctx,
  caseIds: readonly number[],
  action: 'auto_close' | 'withdraw_tacit' | 'accept_by_silence',
  skipped: ReadonlySet<ErrorCode> = SKIPPED,
): Promise<number> {
  let done = 0;
  for (const caseId of caseIds) {
    try {
      await applyCaseAction(ctx, { caseId, action });
      done += 1;
    } catch (error) {
      if (!isAppError(error) || !skipped.has(error.code)) throw error;
    }
  }
  return done;
}
