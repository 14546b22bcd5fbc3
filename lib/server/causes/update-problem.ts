import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { problems } from '@/db/schema';
import { ProblemFieldsSchema } from '@/lib/validation/problem';
import type { Actor } from '../core/actor';
import type { UseCaseOptions } from '../cases/create-case';
import { parseInput } from '../core/parse';
import {
  loadProblem,
  recordProblemEvent,
  requireProblemManager,
  resolveReferences,
} from './problem-parts';

const EDITABLE = [
  'title',
  'description',
  'processId',
  'rootCauseId',
  'ownerId',
  'correctiveAction',
] as const;

/**
 * Saves the problem's form (every editable field at once: an empty one clears it). The audit
 * event records each field that changed, before and after; saving without changes writes nothing.
 */
export function updateProblem(
  problemId: number,
  input: unknown,
  actor: Actor,
  options: UseCaseOptions = {},
): { id: number; changed: string[] } {
  const manager = requireProblemManager(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const fields = parseInput(ProblemFieldsSchema, input);
  return db.transaction(
    (tx) => {
      const row = loadProblem(tx, problemId);
      const next = {
        title: fields.title,
        description: fields.description ?? '',
        correctiveAction: fields.correctiveAction ?? '',
        ...resolveReferences(tx, fields),
      };
      const changes = Object.fromEntries(
        EDITABLE.filter((key) => row[key] !== next[key]).map((key) => [
          key,
          { from: row[key], to: next[key] },
        ]),
      );
      const changed = Object.keys(changes);
      if (changed.length === 0) return { id: problemId, changed };
      tx.update(problems).set(next).where(eq(problems.id, problemId)).run();
      recordProblemEvent(tx, manager, {
        action: 'problem_updated',
        problemId,
        data: { changes },
        now,
      });
      return { id: problemId, changed };
    },
    { behavior: 'immediate' },
  );
}
