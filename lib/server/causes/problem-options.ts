import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { problems, rootCauses } from '@/db/tables';
import { queueFilterOptions } from '../cases/queue-options';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';

/** The choices of the problem form: active processes, their active causes, active staff. */
export async function problemFormOptions(ctx: Ctx) {
  requireRole(ctx.actor, 'supervision');
  const { db } = ctx;
  const { processes, staff } = await queueFilterOptions(ctx);
  const causes = await db
    .select({ id: rootCauses.id, name: rootCauses.name, processId: rootCauses.processId })
    .from(rootCauses)
    .where(eq(rootCauses.isActive, true))
    .orderBy(asc(rootCauses.name));
  return { processes, rootCauses: causes, staff };
}

/** Problems a case may still be linked to from its page: open or in progress. */
export async function linkableProblems(ctx: Ctx) {
  requireRole(ctx.actor, 'supervision');
  return await ctx.db
    .select({ id: problems.id, title: problems.title })
    .from(problems)
    .where(inArray(problems.status, ['open', 'in_progress']))
    .orderBy(asc(problems.title), asc(problems.id));
}
