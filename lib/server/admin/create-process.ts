import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { processes, rootCauses } from '@/db/schema';
import { requiredText } from '@/lib/validation/fields';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import type { UseCaseOptions } from '../cases/create-case';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';

export const ProcessSchema = z.object({
  name: requiredText(3, 120),
  rootCauses: z.array(requiredText(3, 120)).max(30).default([]),
});

/** An originating process with its root-cause categories (the catalogue complaints are closed with). */
export function createProcess(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  if (actor.role !== 'admin' && actor.role !== 'system') throw new AppError('FORBIDDEN');
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(ProcessSchema, input);
  return db.transaction(
    (tx) => {
      if (tx.select().from(processes).where(eq(processes.name, data.name)).get()) {
        throw new AppError('VALIDATION', 'duplicate', { fieldErrors: { name: ['duplicate'] } });
      }
      const process = tx.insert(processes).values({ name: data.name }).returning().get();
      const causes = data.rootCauses.map(
        (name) =>
          tx.insert(rootCauses).values({ processId: process.id, name }).returning().get().id,
      );
      appendEvent(tx, {
        caseId: null,
        action: 'process_created',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        data: { processId: process.id, name: data.name, rootCauses: data.rootCauses },
        createdAt: now,
      });
      return { id: process.id, rootCauseIds: causes };
    },
    { behavior: 'immediate' },
  );
}
