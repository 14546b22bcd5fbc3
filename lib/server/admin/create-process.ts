import 'server-only';
import { first, one } from '@/db/rows';
import { mapInOrder } from '../core/in-order';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { processes, rootCauses } from '@/db/tables';
import { requiredText } from '@/lib/validation/fields';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';

export const ProcessSchema = z.object({
  name: requiredText(3, 120),
  rootCauses: z.array(requiredText(3, 120)).max(30).default([]),
});

/** An originating process with its root-cause categories (the catalogue complaints are closed with). */
export async function createProcess(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(ProcessSchema, input);
  return withTransaction(ctx, async (tx) => await insertProcess(tx, data));
}

/** The write itself, for a larger admin write that creates a process inside its own transaction. */
export async function insertProcess(tx: Ctx, data: z.infer<typeof ProcessSchema>) {
  if (await first(tx.db.select().from(processes).where(eq(processes.name, data.name)))) {
    throw new AppError('VALIDATION', 'duplicate', { fieldErrors: { name: ['duplicate'] } });
  }
  const process = await one(tx.db.insert(processes).values({ name: data.name }).returning());
  const causes = await mapInOrder(
    data.rootCauses,
    async (name) =>
      (await one(tx.db.insert(rootCauses).values({ processId: process.id, name }).returning())).id,
  );
  await appendAdminEvent(tx, 'process_created', {
    processId: process.id,
    name: data.name,
    rootCauses: data.rootCauses,
  });
  return { id: process.id, rootCauseIds: causes };
}
