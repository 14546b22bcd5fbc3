import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { caseEvents, cases, customers, promises, staffUsers } from '@/db/tables';
import { toLocalDate } from '@/lib/domain/calendar';
import { deadlineStatus } from '@/lib/domain/legal-term';
import { effectivePromiseStatus } from '@/lib/domain/promises';
import { isStaff } from '../core/actor';
import { canAccessCase } from './case-access';
import { caseIdByRadicado } from './case-id';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { getOrganization, loadCalendar } from '../core/organization';
import { preparedQuery } from '../core/prepared';

/** Event details a petitioner may see; anything else (root cause, assignee …) stays with staff. */
const PUBLIC_EVENT_DATA = [
  'dueDate',
  'previousDueDate',
  'newDueDate',
  'decision',
  'destination',
  'dueAt',
  'kind',
  'postedOn',
];

function publicData(data: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!data) return null;
  return Object.fromEntries(Object.entries(data).filter(([k]) => PUBLIC_EVENT_DATA.includes(k)));
}

/**
 * A case with its timeline, as the asker may see it: customers get public events only and never the
 * staff-only columns (internal notes, assignee, root cause).
 */
export async function getCaseWithTimeline(
  ctx: Ctx,
  input: { caseId: number } | { radicado: string },
) {
  const caseId = 'caseId' in input ? input.caseId : await caseIdByRadicado(ctx.db, input.radicado);
  if (caseId === null) throw new AppError('NOT_FOUND');
  return await caseWithTimeline(ctx, caseId);
}

const caseRow = preparedQuery((db) =>
  db
    .select({
      id: cases.id,
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      state: cases.state,
      channel: cases.channel,
      subject: cases.subject,
      description: cases.description,
      priority: cases.priority,
      isAnonymous: cases.isAnonymous,
      responseMedium: cases.responseMedium,
      responseAddress: cases.responseAddress,
      receivedAt: cases.receivedAt,
      termDays: cases.termDays,
      dueDate: cases.dueDate,
      dueAt: cases.dueAt,
      isPaused: cases.isPaused,
      extendedDueDate: cases.extendedDueDate,
      silenceAcceptedAt: cases.silenceAcceptedAt,
      extensionReason: cases.extensionReason,
      answeredAt: cases.answeredAt,
      decision: cases.decision,
      closedAt: cases.closedAt,
      version: cases.version,
      teamId: cases.teamId,
      assigneeId: cases.assigneeId,
      processId: cases.processId,
      rootCauseId: cases.rootCauseId,
      categoryId: cases.categoryId,
      reopenCount: cases.reopenCount,
      repeatContactCount: cases.repeatContactCount,
      customerName: customers.fullName,
      customerEmail: customers.email,
      customerPhone: customers.phone,
      customerDocumentType: customers.documentType,
      customerDocumentNumber: customers.documentNumber,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .where(eq(cases.id, sql.placeholder('caseId')))
    .prepare(),
);

/** The timeline: every event for staff, the public ones for the petitioner. */
const eventsQuery = (onlyPublic: boolean) =>
  preparedQuery((db) =>
    db
      .select({
        id: caseEvents.id,
        action: caseEvents.action,
        actorRole: caseEvents.actorRole,
        actorName: staffUsers.name,
        fromState: caseEvents.fromState,
        toState: caseEvents.toState,
        visibility: caseEvents.visibility,
        body: caseEvents.body,
        data: caseEvents.data,
        createdAt: caseEvents.createdAt,
      })
      .from(caseEvents)
      .leftJoin(staffUsers, eq(staffUsers.id, caseEvents.actorId))
      .where(
        and(
          eq(caseEvents.caseId, sql.placeholder('caseId')),
          onlyPublic ? eq(caseEvents.visibility, 'public') : undefined,
        ),
      )
      .orderBy(asc(caseEvents.id))
      .prepare(),
  );
const allEvents = eventsQuery(false);
const publicEvents = eventsQuery(true);

const promisesOf = preparedQuery((db) =>
  db
    .select({
      id: promises.id,
      description: promises.description,
      dueAt: promises.dueAt,
      status: promises.status,
      predecessorId: promises.predecessorId,
      renegotiationReason: promises.renegotiationReason,
      isVisibleToCustomer: promises.isVisibleToCustomer,
    })
    .from(promises)
    .where(eq(promises.caseId, sql.placeholder('caseId')))
    .orderBy(asc(promises.dueAt))
    .prepare(),
);

/** The same view, synchronously, for another read that composes it (the staff case page). */
export async function caseWithTimeline(ctx: Ctx, caseId: number) {
  const { db, actor, now } = ctx;
  const row = await caseRow(db).get({ caseId });
  if (!row || !canAccessCase(actor, row)) throw new AppError('NOT_FOUND', 'case not found');

  const staffView = isStaff(actor);
  const events = await (staffView ? allEvents : publicEvents)(db).all({ caseId });
  const promiseRows = (await promisesOf(db).all({ caseId }))
    .filter((p) => staffView || p.isVisibleToCustomer)
    .map((p) => ({ ...p, effectiveStatus: effectivePromiseStatus(p, now) }));

  const org = await getOrganization(db);
  const cal = await loadCalendar(db, org);
  // The traffic light is for cases whose clock runs; an answered or ended case has its result instead.
  const isClockRunning = row.state === 'radicada' || row.state === 'en_tramite';
  const deadline = row.dueAt && isClockRunning ? deadlineStatus(row.dueAt, now, cal) : null;
  const base = {
    id: row.id,
    radicado: row.radicado,
    typeCode: row.typeCode,
    state: row.state,
    channel: row.channel,
    subject: row.subject,
    description: row.description,
    receivedAt: row.receivedAt,
    receivedOn: toLocalDate(row.receivedAt, org.timeZone),
    dueDate: row.dueDate,
    isPaused: row.isPaused,
    extendedDueDate: row.extendedDueDate,
    /** A PD request recorded as accepted by silence (art. 14.1): copies owed, no refusal left. */
    silenceAcceptedAt: row.silenceAcceptedAt,
    extensionReason: row.extensionReason,
    decision: row.decision,
    deadline,
    events: events.map((e) =>
      staffView ? e : { ...e, actorName: null, data: publicData(e.data) },
    ),
    promises: promiseRows,
  };
  if (!staffView) return { ...base, staff: null };
  return {
    ...base,
    staff: {
      version: row.version,
      priority: row.priority,
      isAnonymous: row.isAnonymous,
      responseMedium: row.responseMedium,
      responseAddress: row.responseAddress,
      teamId: row.teamId,
      assigneeId: row.assigneeId,
      processId: row.processId,
      rootCauseId: row.rootCauseId,
      categoryId: row.categoryId,
      reopenCount: row.reopenCount,
      repeatContactCount: row.repeatContactCount,
      customer: row.customerName
        ? {
            name: row.customerName,
            email: row.customerEmail,
            phone: row.customerPhone,
            documentType: row.customerDocumentType,
            documentNumber: row.customerDocumentNumber,
          }
        : null,
    },
  };
}
export type CaseView = Awaited<ReturnType<typeof caseWithTimeline>>;
