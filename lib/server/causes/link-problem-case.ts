import 'server-only';
import { changesOf, first } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import { cases, problemCases } from '@/db/tables';
import { LinkCaseSchema, ProblemRefSchema, UnlinkCaseSchema } from '@/lib/validation/problem';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { loadProblem, recordProblemEvent } from './problem-parts';

/**
 * Links one case, named by its radicado, to a problem (`{ problemId, radicado }`); the case's
 * history records it (`problem_linked`). Linking a case already linked changes nothing and records
 * nothing.
 */
export async function linkProblemCase(
  ctx: Ctx,
  input: unknown,
): Promise<{ caseId: number; radicado: string; isNew: boolean }> {
  const manager = ctx.actor;
  requireRole(manager, 'supervision');
  const { radicado } = parseInput(LinkCaseSchema, input);
  const { problemId } = parseInput(ProblemRefSchema, input);
  return withTransaction(ctx, async ({ db: tx, now }) => {
    const problem = await loadProblem(tx, problemId);
    const row = await first(
      tx.select({ id: cases.id }).from(cases).where(eq(cases.radicado, radicado)),
    );
    if (!row) throw new AppError('NOT_FOUND', 'case not found');
    const inserted = await tx
      .insert(problemCases)
      .values({ problemId, caseId: row.id, createdAt: now })
      .onConflictDoNothing();
    const isNew = changesOf(inserted) === 1;
    if (isNew) {
      await recordProblemEvent(tx, manager, {
        action: 'problem_linked',
        problemId,
        caseId: row.id,
        data: { title: problem.title },
        now,
      });
    }
    return { caseId: row.id, radicado, isNew };
  });
}

/**
 * Takes a case off a problem (`{ problemId, caseId }`; `problem_unlinked` on the case); a case not
 * linked is left alone.
 */
export async function unlinkProblemCase(
  ctx: Ctx,
  input: unknown,
): Promise<{ caseId: number; wasLinked: boolean }> {
  const manager = ctx.actor;
  requireRole(manager, 'supervision');
  const { caseId } = parseInput(UnlinkCaseSchema, input);
  const { problemId } = parseInput(ProblemRefSchema, input);
  return withTransaction(ctx, async ({ db: tx, now }) => {
    const problem = await loadProblem(tx, problemId);
    const removed = await tx
      .delete(problemCases)
      .where(and(eq(problemCases.problemId, problemId), eq(problemCases.caseId, caseId)));
    const wasLinked = changesOf(removed) === 1;
    if (wasLinked) {
      await recordProblemEvent(tx, manager, {
        action: 'problem_unlinked',
        problemId,
        caseId,
        data: { title: problem.title },
        now,
      });
    }
    return { caseId, wasLinked };
  });
}
