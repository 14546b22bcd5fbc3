import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { attachments, cases } from '@/db/schema';
import { startOfLocalDay } from '@/lib/domain/calendar';
import { decideTransition, type CaseAction } from '@/lib/domain/case-machine';
import type { Actor } from '../core/actor';
import { buildContext, snapshotOf } from '../cases/apply-case-action';
import { getOrganization } from '../core/organization';
import { hasRated } from './rate-case';

/** Placeholder inputs: only role, state and guards decide what a petitioner is offered. */
const PROBES: Partial<Record<CaseAction, Record<string, unknown>>> = {
  provide_info: { body: '·' },
  disagree: { reason: '·' },
  request_callback: { preferredAt: '·' },
};

/** Which of the petitioner's own actions the case allows now (the server re-checks each one). */
export function customerCaseOptions(
  caseId: number,
  actor: Actor,
  options: { db?: Db; now?: Date } = {},
) {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const row = db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) return null;
  const org = getOrganization(db);
  const allows = (action: CaseAction) => {
    const ctx = buildContext(db, row, { action }, actor, org, now);
    const snapshot = snapshotOf(row);
    return decideTransition(snapshot, action, PROBES[action] ?? {}, ctx).ok;
  };
  const isAnswered = row.state === 'respondida' || row.state === 'cerrada';
  return {
    canProvideInfo: allows('provide_info'),
    canDisagree: isAnswered && allows('disagree'),
    canRequestCallback: allows('request_callback'),
    canRate: isAnswered && !hasRated(db, caseId),
    hasRated: hasRated(db, caseId),
    disagreementWindowDays: org.disagreementWindowDays,
    timeZone: org.timeZone,
  };
}

/** Public attachments of a case, by the event they came with (names only; never staff-only files). */
export function publicAttachments(caseId: number, db: Db = getDb()) {
  return db
    .select({ id: attachments.id, eventId: attachments.eventId, name: attachments.originalName })
    .from(attachments)
    .where(and(eq(attachments.caseId, caseId), eq(attachments.visibility, 'public')))
    .all();
}

/** A `datetime-local` value is the organisation's wall-clock time; one with an offset is kept. */
export function localDateTimeToInstant(value: string, timeZone: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return value;
  const [, date, hours, minutes] = match as unknown as [string, string, string, string];
  const start = startOfLocalDay(date, timeZone).getTime();
  return new Date(start + (Number(hours) * 60 + Number(minutes)) * 60_000).toISOString();
}
