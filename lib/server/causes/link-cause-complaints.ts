import 'server-only';
import * as pgCauses from '@/db/pg/causes';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import * as liteCauses from '@/db/sql/causes';
import { problemCases } from '@/db/tables';
import { LinkCauseSchema, ProblemRefSchema } from '@/lib/validation/problem';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { periodBounds } from '../supervision/filters';
import { loadProblem, recordProblemEvent } from './problem-parts';

/** One action links at most this many cases (each writes its audit event); run it again for more. */
export const BULK_LINK_LIMIT = 2000;

/**
 * Links every complaint of the problem's root cause (or, without one, of its process) received in
 * the period (`{ problemId, from, to }`) and not linked yet, oldest first, each with its
 * `problem_linked` event.
 */
export async function linkCauseComplaints(
  ctx: Ctx,
  input: unknown,
): Promise<{ linked: number; hasMore: boolean }> {
  const manager = ctx.actor;
  requireRole(manager, 'supervision');
  const period = parseInput(LinkCauseSchema, input);
  const { problemId } = parseInput(ProblemRefSchema, input);
  return withTransaction(ctx, async ({ db: tx, now }) => {
    const problem = await loadProblem(tx, problemId);
    const cause =
      problem.rootCauseId !== null
        ? { column: 'root_cause_id' as const, id: problem.rootCauseId }
        : problem.processId !== null
          ? { column: 'process_id' as const, id: problem.processId }
          : null;
    if (!cause) {
      throw new AppError('VALIDATION', 'no cause', { fieldErrors: { processId: ['required'] } });
    }
    const { fromMs, toMs } = periodBounds(period, (await getOrganization(tx)).timeZone);
    const look = {
      fromMs,
      toMs,
      column: cause.column,
      causeId: cause.id,
      problemId,
      limit: BULK_LINK_LIMIT + 1,
    };
    const ids = isPg(tx)
      ? await pgCauses.unlinkedCauseComplaintIds(pgQueryable(tx), look)
      : liteCauses.unlinkedCauseComplaintIds(tx, look);
    const batch = ids.slice(0, BULK_LINK_LIMIT);
    for (const caseId of batch) {
      await tx.insert(problemCases).values({ problemId, caseId, createdAt: now });
      await recordProblemEvent(tx, manager, {
        action: 'problem_linked',
        problemId,
        caseId,
        data: { title: problem.title, isBulk: true },
        now,
      });
    }
    return { linked: batch.length, hasMore: ids.length > BULK_LINK_LIMIT };
  });
}
