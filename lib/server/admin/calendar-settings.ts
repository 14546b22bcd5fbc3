import 'server-only';
import { first } from '@/db/rows';
import { asc, eq } from 'drizzle-orm';
import { closureDays, organization } from '@/db/tables';
import { nationalHolidays } from '@/lib/domain/holidays';
import {
  CalendarSettingsSchema,
  CalendarYearSchema,
  ClosureDaySchema,
  ClosureRemovalSchema,
} from '@/lib/validation/admin-config';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';

/**
 * The calendar rule for closure days (stated in the admin page too): a case's due date is computed
 * and cached when it is radicated, so a closure day added or removed applies to cases radicated
 * afterwards, exactly like a term change. Open cases keep their cached due date; it is computed
 * again only when their term itself moves (a pause ends, an extension), with the calendar of then.
 */
export async function calendarYear(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { year } = parseInput(CalendarYearSchema, input);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const closures = (
    await ctx.db
      .select({ date: closureDays.date, reason: closureDays.reason })
      .from(closureDays)
      .orderBy(asc(closureDays.date))
  ).filter((c) => c.date >= from && c.date <= to);
  const org = await getOrganization(ctx.db);
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

export async function addClosureDay(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const createdBy = ctx.actor.id;
  const data = parseInput(ClosureDaySchema, input);
  return withTransaction(ctx, async (tx) => {
    if (await first(tx.db.select().from(closureDays).where(eq(closureDays.date, data.date)))) {
      throw new AppError('VALIDATION', 'closure day exists', {
        fieldErrors: { date: ['closureExists'] },
      });
    }
    await tx.db
      .insert(closureDays)
      .values({ date: data.date, reason: data.reason, createdBy, createdAt: tx.now });
    await appendAdminEvent(tx, 'closure_day_added', { date: data.date }, { body: data.reason });
    return { date: data.date };
  });
}

export async function removeClosureDay(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(ClosureRemovalSchema, input);
  return withTransaction(ctx, async (tx) => {
    const existing = await first(
      tx.db.select().from(closureDays).where(eq(closureDays.date, data.date)),
    );
    if (!existing) throw new AppError('NOT_FOUND', 'no such closure day');
    await tx.db.delete(closureDays).where(eq(closureDays.date, data.date));
    await appendAdminEvent(
      tx,
      'closure_day_removed',
      { date: data.date },
      { body: existing.reason },
    );
    return { date: data.date };
  });
}

/** Business hours, Saturday work and the IANA time zone of the organisation. */
export async function updateCalendarSettings(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(CalendarSettingsSchema, input);
  return withTransaction(ctx, async (tx) => {
    const before = await getOrganization(tx.db);
    await tx.db
      .insert(organization)
      .values({ ...before, ...data, id: 1, updatedAt: tx.now })
      .onConflictDoUpdate({ target: organization.id, set: { ...data, updatedAt: tx.now } });
    await appendAdminEvent(tx, 'calendar_settings_changed', {
      from: {
        businessHoursStart: before.businessHoursStart,
        businessHoursEnd: before.businessHoursEnd,
        worksSaturday: before.worksSaturday,
        timeZone: before.timeZone,
      },
      to: data,
    });
    return data;
  });
}
