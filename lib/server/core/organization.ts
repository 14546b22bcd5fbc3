import 'server-only';
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import type { Conn } from '@/db/client';
import { closureDays, organization } from '@/db/tables';
import { createCalendar, type BusinessCalendar } from '@/lib/domain/calendar';
import type { ReceiptRule } from '@/lib/domain/legal-term';
import { env } from '@/lib/env';
import { preparedQuery } from './prepared';

export type Organization = typeof organization.$inferSelect;

const DEFAULT_ORGANIZATION: Organization = {
  id: 1,
  name: 'Ventanilla',
  taxId: null,
  logoPath: null,
  radicadoPrefix: 'PQRS',
  timeZone: 'America/Bogota',
  worksSaturday: false,
  receiptRule: 'calendar_day',
  closingHour: null,
  businessHoursStart: 8,
  businessHoursEnd: 17,
  disagreementWindowDays: 10,
  privacyPolicyText: '',
  privacyPolicyVersion: '1',
  regime: 'general',
  publishTransparency: false,
  updatedAt: null,
};

// Read by every filing and most pages: built once per connection.
const organizationRow = preparedQuery((db) =>
  db.select().from(organization).where(eq(organization.id, 1)).prepare(),
);
const closureDates = preparedQuery((db) =>
  db.select({ date: closureDays.date }).from(closureDays).prepare(),
);

/**
 * Within one server render, the profile and the closure days are read once per connection: a page
 * asks for them from its layout, its header and several of its parts (8 times on a staff case
 * page), each a round trip to PostgreSQL. React's `cache` lives for one render only; outside one
 * (a verb, a route handler, a job) every call reads afresh.
 */
const readOrganization = cache(async (db: Conn) => await organizationRow(db).get());
const readClosures = cache(async (db: Conn) => await closureDates(db).all());

/** The organisation profile; the defaults stand in until an admin saves one. */
export async function getOrganization(db: Conn): Promise<Organization> {
  return (await readOrganization(db)) ?? { ...DEFAULT_ORGANIZATION, timeZone: env().ORG_TIME_ZONE };
}

/**
 * Calendars by version (zone, Saturdays, closure days): one calendar object per version for the
 * process, so its business-day index (domain/calendar.ts) is built once, not on every request.
 */
const calendars = new Map<string, BusinessCalendar>();

export async function loadCalendar(db: Conn, given?: Organization): Promise<BusinessCalendar> {
  const org = given ?? (await getOrganization(db));
  const closures = (await readClosures(db)).map((c) => c.date).sort();
  const version = JSON.stringify([org.timeZone, org.worksSaturday, closures]);
  let calendar = calendars.get(version);
  if (!calendar) {
    // A few versions live at once (tests, a changed closure day); old ones are dropped.
    if (calendars.size >= 16) calendars.clear();
    calendar = createCalendar({
      timeZone: org.timeZone,
      worksSaturday: org.worksSaturday,
      closureDays: closures,
    });
    calendars.set(version, calendar);
  }
  return calendar;
}

export function receiptRuleOf(org: Organization): ReceiptRule {
  return org.receiptRule === 'next_business_day'
    ? { kind: 'next_business_day', closingHour: org.closingHour ?? undefined }
    : { kind: 'calendar_day' };
}
