import 'server-only';
import { getDb } from '@/db/client';
import { problems } from '@/db/schema';
import { ProblemFieldsSchema } from '@/lib/validation/problem';
import type { Actor } from '../core/actor';
import type { UseCaseOptions } from '../cases/create-case';
import { parseInput } from '../core/parse';
import { recordProblemEvent, requireProblemManager, resolveReferences } from './problem-parts';

/** A new problem record, open, with its audit event (no case yet: linking comes after). */
export function createProblem(
  input: unknown,
  actor: Actor,
  options: UseCaseOptions = {},
): { id: number } {
  const manager = requireProblemManager(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const fields = parseInput(ProblemFieldsSchema, input);
  return db.transaction(
    (tx) => {
      const refs = resolveReferences(tx, fields);
      const values = {
        title: fields.title,
        description: fields.description ?? '',
        correctiveAction: fields.correctiveAction ?? '',
        ...refs,
      };
      const { id } = tx
        .insert(problems)
        .values({ ...values, status: 'open', createdById: manager.id, createdAt: now })
        .returning({ id: problems.id })
        .get();
      recordProblemEvent(tx, manager, {
        action: 'problem_created',
        problemId: id,
        data: values,
        now,
      });
      return { id };
    },
    { behavior: 'immediate' },
  );
}
