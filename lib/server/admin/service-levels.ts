import 'server-only';
import { first, one } from '@/db/rows';
import { asc, desc, eq } from 'drizzle-orm';
import { categories, serviceLevels } from '@/db/tables';
import { ServiceLevelSchema } from '@/lib/validation/admin-config';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';
import { ensureCaseType } from './terms';

/**
 * Internal service levels (ANS), newest first. They are versioned like legal terms: a level applies
 * to cases radicated from its `validFrom`; a newer row for the same type/category/priority replaces
 * it for later cases, and history is never edited.
 */
export async function listServiceLevels(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  return await ctx.db
    .select({
      id: serviceLevels.id,
      typeCode: serviceLevels.typeCode,
      categoryId: serviceLevels.categoryId,
      categoryName: categories.name,
      priority: serviceLevels.priority,
      firstResponseHours: serviceLevels.firstResponseHours,
      resolutionDays: serviceLevels.resolutionDays,
      validFrom: serviceLevels.validFrom,
    })
    .from(serviceLevels)
    .leftJoin(categories, eq(categories.id, serviceLevels.categoryId))
    .orderBy(desc(serviceLevels.validFrom), desc(serviceLevels.id));
}

export async function listCategoryOptions(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  return await ctx.db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(eq(categories.isActive, true))
    .orderBy(asc(categories.name));
}

/** Adds a service level in force from `now` (cases radicated earlier keep the level they had). */
export async function addServiceLevel(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(ServiceLevelSchema, input);
  return withTransaction(ctx, async (tx) => {
    if (
      data.categoryId !== null &&
      !(await first(tx.db.select().from(categories).where(eq(categories.id, data.categoryId))))
    ) {
      throw new AppError('VALIDATION', 'unknown category', {
        fieldErrors: { categoryId: ['invalid'] },
      });
    }
    if (data.typeCode) await ensureCaseType(tx.db, data.typeCode);
    const row = await one(
      tx.db
        .insert(serviceLevels)
        .values({ ...data, validFrom: tx.now, createdAt: tx.now })
        .returning({ id: serviceLevels.id }),
    );
    await appendAdminEvent(tx, 'service_level_added', { serviceLevelId: row.id, ...data });
    return { id: row.id };
  });
}
