import 'server-only';
import { eq } from 'drizzle-orm';
import { problems } from '@/db/tables';
import { ProblemFieldsSchema, ProblemRefSchema } from '@/lib/validation/problem';
import { withTransaction, type Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { loadProblem, recordProblemEvent, resolveReferences } from './problem-parts';

const EDITABLE = [
  'title',
  'description',
  'processId',
  'rootCauseId',
  'ownerId',
  'correctiveAction',
] as const;

/**
 * Saves the problem's form (every editable field at once: an empty one clears it) for
 * `{ problemId, …fields }`. The audit event records each field that changed, before and after;
 * saving without changes writes nothing.
 */
export async function updateProblem(
  ctx: Ctx,
  input: unknown,
): Promise<{ id: number; changed: string[] }> {
  const manager = ctx.actor;
  requireRole(manager, 'supervision');
  const fields = parseInput(ProblemFieldsSchema, input);
  const { problemId } = parseInput(ProblemRefSchema, input);
  return withTransaction(ctx, async ({ db: tx, now }) => {
    const row = await loadProblem(tx, problemId);
    const next = {
      title: fields.title,
      description: fields.description ?? '',
      correctiveAction: fields.correctiveAction ?? '',
      ...(await resolveReferences(tx, fields)),
    };
    const changes = Object.fromEntries(
      EDITABLE.filter((key) => row[key] !== next[key]).map((key) => [
        key,
        { from: row[key], to: next[key] },
      ]),
    );
    const changed = Object.keys(changes);
    if (changed.length === 0) return { id: problemId, changed };
    await tx.update(problems).set(next).where(eq(problems.id, problemId));
    await recordProblemEvent(tx, manager, {
      action: 'problem_updated',
      problemId,
      data: { changes },
      now,
    });
    return { id: problemId, changed };
  });
}
