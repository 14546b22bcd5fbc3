import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { closureDays, organization } from '@/db/schema';
import { nationalHolidays } from '@/lib/domain/holidays';
import {
  CalendarSettingsSchema,
  ClosureDaySchema,
  ClosureRemovalSchema,
} from '@/lib/validation/admin-config';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import type { UseCaseOptions } from '../cases/create-case';
import { AppError } from '../core/errors';
import { parseInput } from '../core/parse';
import { getOrganization } from '../core/organization';
import { assertAdmin } from './config-guard';

/**
 * The calendar rule for closure days (stated in the admin page too): a case's due date is computed
 * and cached when it is radicated, so a closure day added or removed applies to cases radicated
 * afterwards, exactly like a term change. Open cases keep their cached due date; it is computed
 * again only when their term itself moves (a pause ends, an extension), with the calendar of then.
 */
export function calendarYear(year: number, options: UseCaseOptions = {}) {
  const db = options.db ?? getDb();
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const closures = db
    .select({ date: closureDays.date, reason: closureDays.reason })
    .from(closureDays)
    .orderBy(asc(closureDays.date))
    .all()
    .filter((c) => c.date >= from && c.date <= to);
  const org = getOrganization(db);
  return {
    year,
    holidays: nationalHolidays(year),
    closures,
    settings: {
      businessHoursStart: org.businessHoursStart,
      businessHoursEnd: org.businessHoursEnd,
      worksSaturday: org.worksSaturday,
      timeZone: org.timeZone,
    },
  };
}

export function addClosureDay(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(ClosureDaySchema, input);
  return db.transaction(
    (tx) => {
      if (tx.select().from(closureDays).where(eq(closureDays.date, data.date)).get()) {
        throw new AppError('VALIDATION', 'closure day exists', {
          fieldErrors: { date: ['closureExists'] },
        });
      }
      tx.insert(closureDays)
        .values({ date: data.date, reason: data.reason, createdBy: actor.id, createdAt: now })
        .run();
      appendEvent(tx, {
        caseId: null,
        action: 'closure_day_added',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        body: data.reason,
        data: { date: data.date },
        createdAt: now,
      });
      return { date: data.date };
    },
    { behavior: 'immediate' },
  );
}

export function removeClosureDay(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(ClosureRemovalSchema, input);
  return db.transaction(
    (tx) => {
      const existing = tx.select().from(closureDays).where(eq(closureDays.date, data.date)).get();
      if (!existing) throw new AppError('NOT_FOUND', 'no such closure day');
      tx.delete(closureDays).where(eq(closureDays.date, data.date)).run();
      appendEvent(tx, {
        caseId: null,
        action: 'closure_day_removed',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        body: existing.reason,
        data: { date: data.date },
        createdAt: now,
      });
      return { date: data.date };
    },
    { behavior: 'immediate' },
  );
}

/** Business hours, Saturday work and the IANA time zone of the organisation. */
export function updateCalendarSettings(input: unknown, actor: Actor, options: UseCaseOptions = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(CalendarSettingsSchema, input);
  return db.transaction(
    (tx) => {
      const before = getOrganization(tx);
      tx.insert(organization)
        .values({ ...before, ...data, id: 1, updatedAt: now })
        .onConflictDoUpdate({ target: organization.id, set: { ...data, updatedAt: now } })
        .run();
      appendEvent(tx, {
        caseId: null,
        action: 'calendar_settings_changed',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        data: {
          from: {
            businessHoursStart: before.businessHoursStart,
            businessHoursEnd: before.businessHoursEnd,
            worksSaturday: before.worksSaturday,
            timeZone: before.timeZone,
          },
          to: data,
        },
        createdAt: now,
      });
      return data;
    },
    { behavior: 'immediate' },
  );
}
