import 'server-only';
import { getDb } from '@/db/client';
import { problemCases } from '@/db/schema';
import { LinkCauseSchema } from '@/lib/validation/problem';
import type { Actor } from '../core/actor';
import { COMPLAINTS_SQL } from './root-cause-figures';
import type { UseCaseOptions } from '../cases/create-case';
import { AppError } from '../core/errors';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { periodBounds } from '../supervision/filters';
import { loadProblem, recordProblemEvent, requireProblemManager } from './problem-parts';

/** One action links at most this many cases (each writes its audit event); run it again for more. */
export const BULK_LINK_LIMIT = 2000;

/**
 * Links every complaint of the problem's root cause (or, without one, of its process) received in
 * the period and not linked yet, oldest first, each with its `problem_linked` event.
 */
export function linkCauseComplaints(
  problemId: number,
  input: unknown,
  actor: Actor,
  options: UseCaseOptions = {},
): { linked: number; hasMore: boolean } {
  const manager = requireProblemManager(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const period = parseInput(LinkCauseSchema, input);
  return db.transaction(
    (tx) => {
      const problem = loadProblem(tx, problemId);
      const cause =
        problem.rootCauseId !== null
          ? { column: 'root_cause_id', id: problem.rootCauseId }
          : problem.processId !== null
            ? { column: 'process_id', id: problem.processId }
            : null;
      if (!cause) {
        throw new AppError('VALIDATION', 'no cause', { fieldErrors: { processId: ['required'] } });
      }
      const { fromMs, toMs } = periodBounds(period, getOrganization(tx).timeZone);
      const ids = db.$client
        .prepare(
          `SELECT c.id FROM cases c INDEXED BY cases_figures_idx
           WHERE c.received_at >= ? AND c.received_at < ? AND ${COMPLAINTS_SQL}
             AND c.${cause.column} = ?
             AND NOT EXISTS (SELECT 1 FROM problem_cases pc WHERE pc.problem_id = ? AND pc.case_id = c.id)
           ORDER BY c.received_at, c.id LIMIT ?`,
        )
        .pluck()
        .all(fromMs, toMs, cause.id, problemId, BULK_LINK_LIMIT + 1) as number[];
      const batch = ids.slice(0, BULK_LINK_LIMIT);
      for (const caseId of batch) {
        tx.insert(problemCases).values({ problemId, caseId, createdAt: now }).run();
        recordProblemEvent(tx, manager, {
          action: 'problem_linked',
          problemId,
          caseId,
          data: { title: problem.title, isBulk: true },
          now,
        });
      }
      return { linked: batch.length, hasMore: ids.length > BULK_LINK_LIMIT };
    },
    { behavior: 'immediate' },
  );
}
