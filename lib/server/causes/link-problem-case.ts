import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, problemCases } from '@/db/schema';
import { LinkCaseSchema, UnlinkCaseSchema } from '@/lib/validation/problem';
import type { Actor } from '../core/actor';
import type { UseCaseOptions } from '../cases/create-case';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { loadProblem, recordProblemEvent, requireProblemManager } from './problem-parts';

/**
 * Links one case, named by its radicado, to a problem; the case's history records it
 * (`problem_linked`). Linking a case already linked changes nothing and records nothing.
 */
export function linkProblemCase(
  problemId: number,
  input: unknown,
  actor: Actor,
  options: UseCaseOptions = {},
): { caseId: number; radicado: string; isNew: boolean } {
  const manager = requireProblemManager(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { radicado } = parseInput(LinkCaseSchema, input);
  return db.transaction(
    (tx) => {
      const problem = loadProblem(tx, problemId);
      const row = tx.select({ id: cases.id }).from(cases).where(eq(cases.radicado, radicado)).get();
      if (!row) throw new AppError('NOT_FOUND', 'case not found');
      const inserted = tx
        .insert(problemCases)
        .values({ problemId, caseId: row.id, createdAt: now })
        .onConflictDoNothing()
        .run();
      const isNew = inserted.changes === 1;
      if (isNew) {
        recordProblemEvent(tx, manager, {
          action: 'problem_linked',
          problemId,
          caseId: row.id,
          data: { title: problem.title },
          now,
        });
      }
      return { caseId: row.id, radicado, isNew };
    },
    { behavior: 'immediate' },
  );
}

/** Takes a case off a problem (`problem_unlinked` on the case); a case not linked is left alone. */
export function unlinkProblemCase(
  problemId: number,
  input: unknown,
  actor: Actor,
  options: UseCaseOptions = {},
): { caseId: number; wasLinked: boolean } {
  const manager = requireProblemManager(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { caseId } = parseInput(UnlinkCaseSchema, input);
  return db.transaction(
    (tx) => {
      const problem = loadProblem(tx, problemId);
      const removed = tx
        .delete(problemCases)
        .where(and(eq(problemCases.problemId, problemId), eq(problemCases.caseId, caseId)))
        .run();
      const wasLinked = removed.changes === 1;
      if (wasLinked) {
        recordProblemEvent(tx, manager, {
          action: 'problem_unlinked',
          problemId,
          caseId,
          data: { title: problem.title },
          now,
        });
      }
      return { caseId, wasLinked };
    },
    { behavior: 'immediate' },
  );
}
