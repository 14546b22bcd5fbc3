import 'server-only';
import { instantParam } from '@/db/dialect';
import { and, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { serviceLevels } from '@/db/tables';
import type { BusinessCalendar } from '@/lib/domain/calendar';
import { serviceLevelStatus, type BusinessHours } from '@/lib/domain/service-level';
import type { CaseRow } from '@/db/tables';
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

type ServiceLevelRow = typeof serviceLevels.$inferSelect;
type LevelFields = Pick<
  CaseRow,
  'typeCode' | 'categoryId' | 'priority' | 'receivedAt' | 'firstResponseAt' | 'answeredAt'
>;

/**
 * The most specific level among `levels` for a case's type, category and priority (a blank column
 * matches anything), in force when it was radicated; the newest wins a tie. `levels` may be all
 * of them (the bulk import reads them once) or the query's candidates.
 */
export function pickServiceLevel(
  levels: readonly ServiceLevelRow[],
  row: LevelFields,
): ServiceLevelRow | null {
  const at = row.receivedAt.getTime();
  const candidates = levels
    .filter(
      (l) =>
        (l.typeCode === null || l.typeCode === row.typeCode) &&
        (l.categoryId === null || l.categoryId === row.categoryId) &&
        (l.priority === null || l.priority === row.priority) &&
        l.validFrom.getTime() <= at,
    )
    .sort((a, b) => b.validFrom.getTime() - a.validFrom.getTime());
  const specificity = (l: ServiceLevelRow) =>
    (l.typeCode ? 4 : 0) + (l.categoryId ? 2 : 0) + (l.priority ? 1 : 0);
  return candidates.sort((a, b) => specificity(b) - specificity(a))[0] ?? null;
}

/** A level's targets and where the case stands against them at `now`. */
export function levelStatus(
  level: ServiceLevelRow,
  row: LevelFields,
  now: Date,
  cal: BusinessCalendar,
  open: BusinessHours,
) {
  const target = {
    firstResponseHours: level.firstResponseHours,
    resolutionDays: level.resolutionDays,
  };
  return {
    target,
    ...serviceLevelStatus(
      {
        receivedAt: row.receivedAt,
        firstResponseAt: row.firstResponseAt,
        answeredAt: row.answeredAt,
        now,
        target,
      },
      cal,
      open,
    ),
  };
}

export type CaseServiceLevel = Awaited<ReturnType<typeof levelStatus>>;

/**
 * The internal service level that applies to a case: the most specific row for its type, category
 * and priority (a blank column matches anything), in force when the case was radicated.
 */
export async function caseServiceLevel(
  db: Conn,
  row: CaseRow,
  now: Date,
): Promise<CaseServiceLevel | null> {
  const candidates = await candidatesFor(db).all({
    typeCode: row.typeCode,
    // No category: only the rows for any category (NULL matches no row's category).
    categoryId: row.categoryId ?? null,
    priority: row.priority,
    receivedAt: instantParam(row.receivedAt),
  });
  const level = pickServiceLevel(candidates, row);
  if (!level) return null;
  const org = await getOrganization(db);
  return levelStatus(level, row, now, await loadCalendar(db, org), {
    start: org.businessHoursStart,
    end: org.businessHoursEnd,
  });
}
