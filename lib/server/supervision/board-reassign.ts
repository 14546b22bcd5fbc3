import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { cases, staffUsers } from '@/db/schema';
import { BulkReassignSchema } from '@/lib/validation/board';
import { applyCaseAction } from '../cases/apply-case-action';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';

export type ReassignOutcome =
  | { caseId: number; radicado: string | null; ok: true; eventId: number }
  | { caseId: number; radicado: string | null; ok: false; error: unknown };

export interface BulkReassignResult {
  assigneeId: number;
  assigneeName: string;
  results: ReassignOutcome[];
}

/**
 * Reassigns each checked case to one agent through the case's own use case (applyCaseAction
 * 'assign': state machine, its own transaction and audit event). A case that cannot be reassigned
 * any more (closed meanwhile, merged, unknown) is reported with its error and the others go on:
 * one refusal never undoes or blocks the rest.
 */
export async function reassignCases(ctx: Ctx, input: unknown): Promise<BulkReassignResult> {
  requireRole(ctx.actor, 'supervision');
  const { db } = ctx;
  const request = parseInput(BulkReassignSchema, input);
  const assignee = db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.id, request.assigneeId),
        eq(staffUsers.role, 'agent'),
        eq(staffUsers.isActive, true),
      ),
    )
    .get();
  if (!assignee) {
    throw new AppError('VALIDATION', 'not an active agent', {
      fieldErrors: { assigneeId: ['invalid'] },
    });
  }
  const caseIds = [...new Set(request.caseIds)];
  const radicados = new Map(
    db
      .select({ id: cases.id, radicado: cases.radicado })
      .from(cases)
      .where(inArray(cases.id, caseIds))
      .all()
      .map((c) => [c.id, c.radicado]),
  );
  // One transaction per case, in order: a failure is reported and the rest still go through.
  const results: ReassignOutcome[] = [];
  for (const caseId of caseIds) {
    const radicado = radicados.get(caseId) ?? null;
    try {
      const applied = await applyCaseAction(ctx, {
        caseId,
        action: 'assign',
        assigneeId: assignee.id,
      });
      results.push({ caseId, radicado, ok: true, eventId: applied.eventId });
    } catch (error) {
      results.push({ caseId, radicado, ok: false, error });
    }
  }
  return { assigneeId: assignee.id, assigneeName: assignee.name, results };
}
