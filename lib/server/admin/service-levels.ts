import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, serviceLevels } from '@/db/schema';
import { ServiceLevelSchema } from '@/lib/validation/admin-config';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import type { UseCaseOptions } from '../cases/create-case';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { assertAdmin } from './config-guard';
import { ensureCaseType } from './terms';

/**
 * Internal service levels (ANS), newest first. They are versioned like legal terms: a level applies
 * to cases radicated from its `validFrom`; a newer row for the same type/category/priority replaces
 * it for later cases, and history is never edited.
 */
export function listServiceLevels(options: UseCaseOptions = {}) {
  const db = options.db ?? getDb();
  return db
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
    .orderBy(desc(serviceLevels.validFrom), desc(serviceLevels.id))
    .all();
}

export function listCategoryOptions(options: UseCaseOptions = {}) {
  const db = options.db ?? getDb();
  return db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(eq(categories.isActive, true))
    .orderBy(asc(categories.name))
    .all();
}

/** Adds a service level in force from `now` (cases radicated earlier keep the level they had). */
export function addServiceLevel(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(ServiceLevelSchema, input);
  return db.transaction(
    (tx) => {
      if (
        data.categoryId !== null &&
        !tx.select().from(categories).where(eq(categories.id, data.categoryId)).get()
      ) {
        throw new AppError('VALIDATION', 'unknown category', {
          fieldErrors: { categoryId: ['invalid'] },
        });
      }
      if (data.typeCode) ensureCaseType(tx, data.typeCode);
      const row = tx
        .insert(serviceLevels)
        .values({ ...data, validFrom: now, createdAt: now })
        .returning({ id: serviceLevels.id })
        .get();
      appendEvent(tx, {
        caseId: null,
        action: 'service_level_added',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        data: { serviceLevelId: row.id, ...data },
        createdAt: now,
      });
      return { id: row.id };
    },
    { behavior: 'immediate' },
  );
}
