import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { problems, rootCauses } from '@/db/schema';
import { queueFilterOptions } from '../cases/queue-options';

/** The choices of the problem form: active processes, their active causes, active staff. */
export function problemFormOptions(db: Db = getDb()) {
  const { processes, staff } = queueFilterOptions(db);
  const causes = db
    .select({ id: rootCauses.id, name: rootCauses.name, processId: rootCauses.processId })
    .from(rootCauses)
    .where(eq(rootCauses.isActive, true))
    .orderBy(asc(rootCauses.name))
    .all();
  return { processes, rootCauses: causes, staff };
}

/** Problems a case may still be linked to from its page: open or in progress. */
export function linkableProblems(db: Db = getDb()) {
  return db
    .select({ id: problems.id, title: problems.title })
    .from(problems)
    .where(inArray(problems.status, ['open', 'in_progress']))
    .orderBy(asc(problems.title), asc(problems.id))
    .all();
}
