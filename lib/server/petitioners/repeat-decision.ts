import 'server-only';
import { first } from '@/db/rows';
import { eq, sql } from 'drizzle-orm';
import { cases } from '@/db/tables';
import { OPEN_STATES } from '@/lib/domain/enums';
import { RepeatDecisionSchema } from '@/lib/validation/petitioner';
import { applyCaseAction } from '../cases/apply-case-action';
import { canAccessCase } from '../cases/case-access';
import { appendEvent } from '../core/audit';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

export interface RepeatDecision {
  decision: 'join' | 'separate';
  /** Join: the open case this one now lives on. */
  radicado?: string;
  version: number;
}

/** The case with its offer, within the staff member's scope and at the version they saw. */
async function offeredCase(ctx: Ctx, caseId: number, version: number) {
  const row = await first(
    ctx.db
      .select({
        id: cases.id,
        state: cases.state,
        teamId: cases.teamId,
        assigneeId: cases.assigneeId,
        version: cases.version,
        possibleRepeatOfId: cases.possibleRepeatOfId,
      })
      .from(cases)
      .where(eq(cases.id, caseId)),
  );
  if (!row) throw new AppError('NOT_FOUND', 'case not found');
  if (!canAccessCase(ctx.actor, row)) throw new AppError('FORBIDDEN', 'not your case');
  if (row.version !== version) throw new AppError('CONFLICT', 'case changed');
  if (row.possibleRepeatOfId === null) {
    throw new AppError('VALIDATION', 'no offer', { fieldErrors: { decision: ['noRepeatOffer'] } });
  }
  return { ...row, possibleRepeatOfId: row.possibleRepeatOfId };
}

/**
 * Staff decide on a repeat contact that intake offered (issue 14 §5). Join: the new case merges into
 * the petitioner's open case through the state machine (counted there as a repeat contact, the
 * petitioner told, the offer cleared). Separate: both stay, the offer is cleared and the case's
 * history records who decided.
 */
export async function decideRepeatOffer(ctx: Ctx, input: unknown): Promise<RepeatDecision> {
  requireRole(ctx.actor, 'staff');
  const { caseId, version, decision } = parseInput(RepeatDecisionSchema, input);
  if (decision === 'join') {
    const row = await offeredCase(ctx, caseId, version);
    const target = await first(
      ctx.db
        .select({ state: cases.state, radicado: cases.radicado })
        .from(cases)
        .where(eq(cases.id, row.possibleRepeatOfId)),
    );
    if (!target || !OPEN_STATES.includes(target.state)) {
      throw new AppError('VALIDATION', 'offered case no longer open', {
        fieldErrors: { decision: ['repeatTargetClosed'] },
      });
    }
    const merged = await applyCaseAction(ctx, {
      caseId,
      action: 'merge',
      targetCaseId: row.possibleRepeatOfId,
      expectedVersion: version,
    });
    return { decision, radicado: target.radicado, version: merged.version };
  }
  return withTransaction(ctx, async (tx) => {
    const row = await offeredCase(tx, caseId, version);
    const updated = (await first(
      tx.db
        .update(cases)
        .set({ possibleRepeatOfId: null, version: sql`${cases.version} + 1`, updatedAt: tx.now })
        .where(eq(cases.id, row.id))
        .returning({ version: cases.version }),
    ))!;
    await appendEvent(tx.db, {
      caseId: row.id,
      action: 'repeat_kept_apart',
      actorRole: tx.actor.role,
      actorId: tx.actor.id,
      fromState: row.state,
      toState: row.state,
      visibility: 'internal',
      data: { openCaseId: row.possibleRepeatOfId },
      createdAt: tx.now,
    });
    return { decision, version: updated.version };
  });
}
