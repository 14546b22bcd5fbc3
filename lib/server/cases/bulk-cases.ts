import 'server-only';
import { inArray } from 'drizzle-orm';
import { cases } from '@/db/tables';
import { CASE_ACTION_RULES } from '@/lib/domain/case-machine';
import {
  BULK_ACTIONS,
  BulkCasesSchema,
  type BulkAction,
  type BulkCasesRequest,
} from '@/lib/validation/bulk-cases';
import type { CaseActionInput } from '@/lib/validation/case-action';
import { linkProblemCase } from '../causes/link-problem-case';
import { loadProblem } from '../causes/problem-parts';
import type { Ctx } from '../core/context';
import { AppError, isAppError } from '../core/errors';
import { hasRole, requireRole } from '../core/guard';
import type { Actor } from '../core/actor';
import { parseInput } from '../core/parse';
import { applyCaseAction } from './apply-case-action';
import { canAccessCase } from './case-access';
import { activeStaff } from './case-effect-parts';

/**
 * One case's result. `radicado` is null for a case the asker may not see (or that does not exist):
 * a refusal says nothing about someone else's case.
 */
export type BulkOutcome =
  | { caseId: number; radicado: string; ok: true }
  | { caseId: number; radicado: string | null; ok: false; error: unknown };

export interface BulkResult {
  action: BulkAction;
  outcomes: BulkOutcome[];
  done: number;
  failed: number;
}

/** The single-case request each bulk action stands for (priority is a reclassification). */
function caseRequest(request: BulkCasesRequest): CaseActionInput | null {
  switch (request.action) {
    case 'assign':
      return { action: 'assign', assigneeId: request.assigneeId };
    case 'take':
      return { action: 'take' };
    case 'priority':
      return { action: 'reclassify', priority: request.priority, reason: request.reason };
    case 'note':
      return { action: 'note', body: request.body };
    case 'link_problem':
      return null;
  }
}

/** The case action a bulk action runs through; link_problem runs through the problem verb. */
const CASE_ACTION_OF = {
  assign: 'assign',
  take: 'take',
  priority: 'reclassify',
  note: 'note',
} as const satisfies Record<Exclude<BulkAction, 'link_problem'>, string>;

/** Whether the role may ever take the action: the state machine's roles, or the problem verbs'. */
function isAllowed(actor: Actor, action: BulkAction): boolean {
  if (action === 'link_problem') return hasRole(actor, 'supervision');
  const roles: readonly string[] = CASE_ACTION_RULES[CASE_ACTION_OF[action]].roles;
  return roles.includes(actor.role);
}

/** The bulk actions the queue offers this person (the run checks the same rule again). */
export function bulkActionsFor(actor: Actor): BulkAction[] {
  return BULK_ACTIONS.filter((action) => isAllowed(actor, action));
}

/**
 * What is wrong with the run as a whole is refused before any case is touched: a role that may
 * never take the action (403), an assignee or a problem that does not exist (422 on the field).
 */
async function checkRun(ctx: Ctx, request: BulkCasesRequest): Promise<void> {
  if (!isAllowed(ctx.actor, request.action)) {
    throw new AppError('FORBIDDEN', `role may not ${request.action}`);
  }
  if (request.action === 'assign') await activeStaff(ctx.db, request.assigneeId);
  if (request.action === 'link_problem') {
    try {
      await loadProblem(ctx.db, request.problemId);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
      throw new AppError('VALIDATION', 'unknown problem', {
        fieldErrors: { problemId: ['notFound'] },
      });
    }
  }
}

/**
 * Bulk work in the queues (issue 14 §6): one action applied to each selected case through the SAME
 * use case as the case page (applyCaseAction, linkProblemCase), each in its own transaction, so a
 * case that fails (changed meanwhile, out of the asker's scope, not allowed in its state) is
 * reported and rolled back alone while the others go through. Per-case errors stay as thrown; the
 * entry point translates them.
 */
export async function bulkCases(ctx: Ctx, input: unknown): Promise<BulkResult> {
  requireRole(ctx.actor, 'staff');
  const request = parseInput(BulkCasesSchema, input);
  const single = caseRequest(request);
  await checkRun(ctx, request);

  const ids = request.cases.map((c) => c.caseId);
  const known = new Map(
    (
      await ctx.db
        .select({
          id: cases.id,
          radicado: cases.radicado,
          teamId: cases.teamId,
          assigneeId: cases.assigneeId,
        })
        .from(cases)
        .where(inArray(cases.id, ids))
    ).map((row) => [row.id, row]),
  );
  const outcomes: BulkOutcome[] = [];
  for (const { caseId, expectedVersion } of request.cases) {
    const row = known.get(caseId);
    // Seen as the asker saw it before the run; the use case checks the scope again as it writes.
    const radicado = row && canAccessCase(ctx.actor, row) ? row.radicado : null;
    try {
      if (!row) throw new AppError('NOT_FOUND', 'case not found');
      if (request.action === 'link_problem') {
        if (radicado === null) throw new AppError('FORBIDDEN', 'not your case');
        await linkProblemCase(ctx, { problemId: request.problemId, radicado });
      } else if (single) {
        await applyCaseAction(ctx, {
          caseId,
          ...single,
          ...(expectedVersion !== undefined ? { expectedVersion } : {}),
          ...(request.submissionId ? { submissionId: request.submissionId } : {}),
        });
      }
      outcomes.push({ caseId, radicado: row.radicado, ok: true });
    } catch (error) {
      outcomes.push({ caseId, radicado, ok: false, error });
    }
  }
  const done = outcomes.filter((o) => o.ok).length;
  return { action: request.action, outcomes, done, failed: outcomes.length - done };
}
