import 'server-only';
import { first } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import { staffUsers } from '@/db/tables';
import { BulkReassignSchema } from '@/lib/validation/board';
import { bulkCases, type BulkOutcome } from '../cases/bulk-cases';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

export interface BulkReassignResult {
  assigneeId: number;
  assigneeName: string;
  results: BulkOutcome[];
}

/**
 * The board's bulk reassignment: the queues' bulk assignment (cases/bulk-cases.ts, each case
 * through applyCaseAction 'assign' in its own transaction, a refusal reported and the rest going
 * on), restricted to an active agent as the new assignee and answering with the agent's name.
 */
export async function reassignCases(ctx: Ctx, input: unknown): Promise<BulkReassignResult> {
  requireRole(ctx.actor, 'supervision');
  const { db } = ctx;
  const request = parseInput(BulkReassignSchema, input);
  const assignee = await first(
    db
      .select({ id: staffUsers.id, name: staffUsers.name })
      .from(staffUsers)
      .where(
        and(
          eq(staffUsers.id, request.assigneeId),
          eq(staffUsers.role, 'agent'),
          eq(staffUsers.isActive, true),
        ),
      ),
  );
  if (!assignee) {
    throw new AppError('VALIDATION', 'not an active agent', {
      fieldErrors: { assigneeId: ['invalid'] },
    });
  }
  const { outcomes } = await bulkCases(ctx, {
    action: 'assign',
    assigneeId: assignee.id,
    cases: [...new Set(request.caseIds)].map((caseId) => ({ caseId })),
  });
  return { assigneeId: assignee.id, assigneeName: assignee.name, results: outcomes };
}
