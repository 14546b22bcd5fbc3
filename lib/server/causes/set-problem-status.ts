import 'server-only';
import { eq } from 'drizzle-orm';
import { problems } from '@/db/tables';
import type { ProblemStatus } from '@/lib/domain/enums';
import { ProblemRefSchema, ProblemStatusSchema } from '@/lib/validation/problem';
import { withTransaction, type Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { loadProblem, recordProblemEvent } from './problem-parts';

/**
 * Open → in progress → resolved, in any order (`{ problemId, status }`). Resolving stamps
 * `resolvedAt` (the effect of the fix is measured from it); reopening clears it. Setting the status
 * it already has changes nothing.
 */
export async function setProblemStatus(
  ctx: Ctx,
  input: unknown,
): Promise<{ id: number; status: ProblemStatus; resolvedAt: Date | null }> {
  const manager = ctx.actor;
  requireRole(manager, 'supervision');
  const { status } = parseInput(ProblemStatusSchema, input);
  const { problemId } = parseInput(ProblemRefSchema, input);
  return withTransaction(ctx, async ({ db: tx, now }) => {
    const row = await loadProblem(tx, problemId);
    if (row.status === status) {
      return { id: problemId, status, resolvedAt: row.resolvedAt };
    }
    const resolvedAt = status === 'resolved' ? now : null;
    await tx.update(problems).set({ status, resolvedAt }).where(eq(problems.id, problemId));
    await recordProblemEvent(tx, manager, {
      action: 'problem_status_changed',
      problemId,
      data: { from: row.status, to: status },
      now,
    });
    return { id: problemId, status, resolvedAt };
  });
}
