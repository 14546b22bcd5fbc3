import 'server-only';
import { and, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { serviceLevels } from '@/db/schema';
import { serviceLevelStatus } from '@/lib/domain/service-level';
import type { CaseRow } from '@/db/schema';
import { getOrganization, loadCalendar } from '../core/organization';
import { preparedQuery } from '../core/prepared';

/** Rows that may apply: the type's or any, the category's or any (none: any only), in force then. */
const candidatesFor = preparedQuery((db) =>
  db
    .select()
    .from(serviceLevels)
    .where(
      and(
        or(eq(serviceLevels.typeCode, sql.placeholder('typeCode')), isNull(serviceLevels.typeCode)),
        or(
          isNull(serviceLevels.categoryId),
          eq(serviceLevels.categoryId, sql.placeholder('categoryId')),
        ),
        or(eq(serviceLevels.priority, sql.placeholder('priority')), isNull(serviceLevels.priority)),
        lte(serviceLevels.validFrom, sql.placeholder('receivedAt')),
      ),
    )
    .orderBy(desc(serviceLevels.validFrom))
    .prepare(),
);

/**
 * The internal service level that applies to a case: the most specific row for its type, category
 * and priority (a blank column matches anything), in force when the case was radicated.
 */
export function caseServiceLevel(db: Conn, row: CaseRow, now: Date) {
  const candidates = candidatesFor(db).all({
    typeCode: row.typeCode,
    // No category: only the rows for any category (NULL matches no row's category).
    categoryId: row.categoryId ?? null,
    priority: row.priority,
    receivedAt: row.receivedAt.getTime(),
  });
  const specificity = (l: (typeof candidates)[number]) =>
    (l.typeCode ? 4 : 0) + (l.categoryId ? 2 : 0) + (l.priority ? 1 : 0);
  const level = candidates.sort((a, b) => specificity(b) - specificity(a))[0];
  if (!level) return null;
  const org = getOrganization(db);
  return {
    target: { firstResponseHours: level.firstResponseHours, resolutionDays: level.resolutionDays },
    ...serviceLevelStatus(
      {
        receivedAt: row.receivedAt,
        firstResponseAt: row.firstResponseAt,
        answeredAt: row.answeredAt,
        now,
        target: {
          firstResponseHours: level.firstResponseHours,
          resolutionDays: level.resolutionDays,
        },
      },
      loadCalendar(db, org),
      { start: org.businessHoursStart, end: org.businessHoursEnd },
    ),
  };
}
