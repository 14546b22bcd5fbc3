import 'server-only';
import { one } from '@/db/rows';
import { problems } from '@/db/tables';
import { ProblemFieldsSchema } from '@/lib/validation/problem';
import { withTransaction, type Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { recordProblemEvent, resolveReferences } from './problem-parts';

/** A new problem record, open, with its audit event (no case yet: linking comes after). */
export async function createProblem(ctx: Ctx, input: unknown): Promise<{ id: number }> {
  const manager = ctx.actor;
  requireRole(manager, 'supervision');
  const fields = parseInput(ProblemFieldsSchema, input);
  return withTransaction(ctx, async ({ db: tx, now }) => {
    const refs = await resolveReferences(tx, fields);
    const values = {
      title: fields.title,
      description: fields.description ?? '',
      correctiveAction: fields.correctiveAction ?? '',
      ...refs,
    };
    const { id } = await one(
      tx
        .insert(problems)
        .values({ ...values, status: 'open', createdById: manager.id, createdAt: now })
        .returning({ id: problems.id }),
    );
    await recordProblemEvent(tx, manager, {
      action: 'problem_created',
      problemId: id,
      data: values,
      now,
    });
    return { id };
  });
}
