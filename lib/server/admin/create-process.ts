import 'server-only';
import { mapInOrder } from '../core/in-order';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { processes, rootCauses } from '@/db/schema';
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
  if (await tx.db.select().from(processes).where(eq(processes.name, data.name)).get()) {
    throw new AppError('VALIDATION', 'duplicate', { fieldErrors: { name: ['duplicate'] } });
  }
  const process = await tx.db.insert(processes).values({ name: data.name }).returning().get();
  const causes = await mapInOrder(
    data.rootCauses,
    async (name) =>
      (await tx.db.insert(rootCauses).values({ processId: process.id, name }).returning().get()).id,
  );
  await appendAdminEvent(tx, 'process_created', {
    processId: process.id,
    name: data.name,
    rootCauses: data.rootCauses,
  });
  return { id: process.id, rootCauseIds: causes };
}
