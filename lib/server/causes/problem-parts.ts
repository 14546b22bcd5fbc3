import 'server-only';
import { first } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { problems, processes, rootCauses, staffUsers } from '@/db/tables';
import { appendEvent } from '../core/audit';
import { AppError } from '../core/errors';
import type { StaffOrSystem } from '../core/guard';

/**
 * Problems are supervisors' and admins' work (DOMAIN.md §7): every verb here asks
 * `requireRole(ctx.actor, 'supervision')`; agents only see them on a case.
 */
export type ProblemManager = StaffOrSystem;
export type ProblemRow = typeof problems.$inferSelect;

export async function loadProblem(tx: Conn, problemId: number): Promise<ProblemRow> {
  const row = await first(tx.select().from(problems).where(eq(problems.id, problemId)));
  if (!row) throw new AppError('NOT_FOUND', 'problem not found');
  return row;
}

const invalid = (field: string, key = 'invalid') =>
  new AppError('VALIDATION', `${field} ${key}`, { fieldErrors: { [field]: [key] } });

/**
 * The catalogue references of a problem, checked: a root cause implies its process (and must
 * belong to the one chosen); the owner must be an active staff member.
 */
export async function resolveReferences(
  tx: Conn,
  fields: { processId?: number; rootCauseId?: number; ownerId?: number },
): Promise<{ processId: number | null; rootCauseId: number | null; ownerId: number | null }> {
  let processId = fields.processId ?? null;
  const rootCauseId = fields.rootCauseId ?? null;
  if (rootCauseId !== null) {
    const cause = await first(
      tx
        .select({ processId: rootCauses.processId })
        .from(rootCauses)
        .where(eq(rootCauses.id, rootCauseId)),
    );
    if (!cause) throw invalid('rootCauseId');
    if (processId !== null && cause.processId !== processId) {
      throw invalid('rootCauseId', 'rootCauseMismatch');
    }
    processId = cause.processId;
  }
  if (processId !== null) {
    const exists = await first(
      tx.select({ id: processes.id }).from(processes).where(eq(processes.id, processId)),
    );
    if (!exists) throw invalid('processId');
  }
  const ownerId = fields.ownerId ?? null;
  if (ownerId !== null) {
    const owner = await first(
      tx
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(and(eq(staffUsers.id, ownerId), eq(staffUsers.isActive, true))),
    );
    if (!owner) throw invalid('ownerId');
  }
  return { processId, rootCauseId, ownerId };
}

/**
 * The audit event of a problem change, in the caller's transaction: on the case when a case is
 * linked or unlinked, on no case (case_id null) for the problem's own changes.
 */
export async function recordProblemEvent(
  tx: Conn,
  actor: ProblemManager,
  event: {
    action: string;
    problemId: number;
    caseId?: number | null;
    data?: Record<string, unknown>;
    now: Date;
  },
): Promise<number> {
  return await appendEvent(tx, {
    caseId: event.caseId ?? null,
    action: event.action,
    actorRole: actor.role,
    actorId: actor.id,
    visibility: 'internal',
    data: { problemId: event.problemId, ...event.data },
    createdAt: event.now,
  });
}
