import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { problems } from '@/db/schema';
import type { ProblemStatus } from '@/lib/domain/enums';
import { ProblemStatusSchema } from '@/lib/validation/problem';
import type { Actor } from '../core/actor';
import type { UseCaseOptions } from '../cases/create-case';
import { parseInput } from '../core/parse';
import { loadProblem, recordProblemEvent, requireProblemManager } from './problem-parts';

/**
 * Open → in progress → resolved, in any order. Resolving stamps `resolvedAt` (the effect of the fix
 * is measured from it); reopening clears it. Setting the status it already has changes nothing.
 */
export function setProblemStatus(
  problemId: number,
  input: unknown,
  actor: Actor,
  options: UseCaseOptions = {},
): { id: number; status: ProblemStatus; resolvedAt: Date | null } {
  const manager = requireProblemManager(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const { status } = parseInput(ProblemStatusSchema, input);
  return db.transaction(
    (tx) => {
      const row = loadProblem(tx, problemId);
      if (row.status === status) {
        return { id: problemId, status, resolvedAt: row.resolvedAt };
      }
      const resolvedAt = status === 'resolved' ? now : null;
      tx.update(problems).set({ status, resolvedAt }).where(eq(problems.id, problemId)).run();
      recordProblemEvent(tx, manager, {
        action: 'problem_status_changed',
        problemId,
        data: { from: row.status, to: status },
        now,
      });
      return { id: problemId, status, resolvedAt };
    },
    { behavior: 'immediate' },
  );
}
