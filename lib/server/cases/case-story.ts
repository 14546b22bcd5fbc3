import 'server-only';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import {
  attachments,
  caseEvents,
  caseLinks,
  cases,
  categories,
  outbox,
  processes,
  rootCauses,
  type CaseRow,
} from '@/db/tables';
import { toLocalDate } from '@/lib/domain/calendar';
import { deliveryResult } from '@/lib/domain/delivery';
import type { CaseState } from '@/lib/domain/enums';
import type { Organization } from '../core/organization';
import { preparedQuery } from '../core/prepared';
import { isRemovedFile } from './uploads';

const id = sql.placeholder('id');
const categoryName = preparedQuery((db) =>
  db.select({ name: categories.name }).from(categories).where(eq(categories.id, id)).prepare(),
);
const processName = preparedQuery((db) =>
  db.select({ name: processes.name }).from(processes).where(eq(processes.id, id)).prepare(),
);
const rootCauseName = preparedQuery((db) =>
  db.select({ name: rootCauses.name }).from(rootCauses).where(eq(rootCauses.id, id)).prepare(),
);
const linkRowsOf = preparedQuery((db) =>
  db
    .select({
      caseId: caseLinks.caseId,
      relatedCaseId: caseLinks.relatedCaseId,
      kind: caseLinks.kind,
    })
    .from(caseLinks)
    .where(or(eq(caseLinks.caseId, id), eq(caseLinks.relatedCaseId, id)))
    .prepare(),
);
const mergedInto = preparedQuery((db) =>
  db.select({ id: cases.id }).from(cases).where(eq(cases.mergedIntoId, id)).prepare(),
);

/** How another case relates to this one, as the staff page names it. */
export type CaseRelation = 'related' | 'duplicate' | 'merged_into' | 'merged_from';

const ANSWERED_STATES: readonly CaseState[] = ['respondida', 'cerrada'];

function nameOf<T extends { name: string }>(row: T | undefined): string | null {
  return row?.name ?? null;
}

/** Type, category, originating process and root cause by name (null where not classified yet). */
async function classificationOf(db: Conn, row: CaseRow) {
  return {
    typeCode: row.typeCode,
    category: row.categoryId ? nameOf(await categoryName(db).get({ id: row.categoryId })) : null,
    process: row.processId ? nameOf(await processName(db).get({ id: row.processId })) : null,
    rootCause: row.rootCauseId
      ? nameOf(await rootCauseName(db).get({ id: row.rootCauseId }))
      : null,
  };
}

/**
 * Related and merged cases, one entry per other case: a merge (either way) wins over the
 * 'duplicate' link the merge also wrote.
 */
async function linksOf(db: Conn, row: CaseRow) {
  const other = new Map<number, CaseRelation>();
  const linkRows = await linkRowsOf(db).all({ id: row.id });
  for (const l of linkRows) other.set(l.caseId === row.id ? l.relatedCaseId : l.caseId, l.kind);
  const mergedFrom = await mergedInto(db).all({ id: row.id });
  for (const m of mergedFrom) other.set(m.id, 'merged_from');
  if (row.mergedIntoId !== null) other.set(row.mergedIntoId, 'merged_into');
  if (other.size === 0) return [];
  return (
    await db
      .select({
        id: cases.id,
        radicado: cases.radicado,
        typeCode: cases.typeCode,
        state: cases.state,
      })
      .from(cases)
      .where(inArray(cases.id, [...other.keys()]))
      .orderBy(asc(cases.radicado))
  ).map((c) => ({ ...c, relation: other.get(c.id) ?? 'related' }));
}

const outboxOf = preparedQuery((db) =>
  db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      medium: outbox.medium,
      to: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      nextAttemptAt: outbox.nextAttemptAt,
    })
    .from(outbox)
    .where(eq(outbox.caseId, id))
    .orderBy(asc(outbox.id))
    .prepare(),
);

/** Every message queued for the case, oldest first, with its delivery state. */
async function messagesOf(db: Conn, caseId: number) {
  return (await outboxOf(db).all({ id: caseId })).map((m) => ({
    ...m,
    // 'sending' is a claim on a message still on its way: to a reader it is queued.
    state:
      m.status === 'sent'
        ? ('sent' as const)
        : m.status === 'failed'
          ? ('failed' as const)
          : ('queued' as const),
  }));
}

const filesQuery = preparedQuery((db) =>
  db
    .select({
      id: attachments.id,
      eventId: attachments.eventId,
      name: attachments.originalName,
      mimeType: attachments.mimeType,
      sizeBytes: attachments.sizeBytes,
      visibility: attachments.visibility,
      kind: attachments.kind,
      storedName: attachments.storedName,
    })
    .from(attachments)
    .where(eq(attachments.caseId, id))
    .orderBy(asc(attachments.id))
    .prepare(),
);

/**
 * Every file of the case (people's and the answer letter), public and internal; `isRemoved`: its
 * bytes were deleted when its petitioner was anonymised (the row stays as the record).
 */
async function filesOf(db: Conn, caseId: number) {
  return (await filesQuery(db).all({ id: caseId })).map(({ storedName, ...file }) => ({
    ...file,
    isRemoved: isRemovedFile(storedName),
  }));
}

const firstAnswer = preparedQuery((db) =>
  db
    .select({ id: caseEvents.id, createdAt: caseEvents.createdAt })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, id), eq(caseEvents.action, 'answer')))
    .orderBy(asc(caseEvents.id))
    .limit(1)
    .prepare(),
);
/**
 * For an answered or closed case: the first answer, the legal due date in force beside the day the
 * answer reached the petitioner (answer-delivery.ts: sent, posted or shown on the portal), and the
 * result: on time, late, awaiting delivery or *vencido sin notificar*.
 */
async function answerDeliveryOf(db: Conn, row: CaseRow, org: Organization, now: Date) {
  if (!ANSWERED_STATES.includes(row.state) && row.firstAnsweredAt === null) return null;
  const answer = await firstAnswer(db).get({ id: row.id });
  if (!answer) return null;
  const deliveredAt = row.answerDeliveredAt;
  const dueDate = row.dueDate;
  return {
    answerEventId: answer.id,
    answeredAt: answer.createdAt,
    medium: row.answerDeliveredVia,
    dueDate,
    isExtended: row.extendedDueDate !== null,
    deliveredAt,
    /** The day a postal answer was posted, as recorded (org-local). */
    postedOn: row.answerPostedAt ? toLocalDate(row.answerPostedAt, org.timeZone) : null,
    /** The legal result as the figures count it (set at delivery, or late once overdue). */
    answeredOnTime: row.answeredOnTime,
    result: deliveryResult({ dueDate, deliveredAt, now, timeZone: org.timeZone }),
  };
}

/**
 * What the staff case page tells beyond the timeline: classification, related cases, the messages
 * sent and their delivery, every file, and for an answered case whether the answer was on time.
 * The caller has checked the actor may see the case.
 */
export async function caseStory(db: Conn, row: CaseRow, org: Organization, now: Date) {
  return {
    classification: await classificationOf(db, row),
    links: await linksOf(db, row),
    messages: await messagesOf(db, row.id),
    files: await filesOf(db, row.id),
    answerDelivery: await answerDeliveryOf(db, row, org, now),
    /** Today in the organisation's zone (the latest day a posting may be dated). */
    today: toLocalDate(now, org.timeZone),
  };
}
export type CaseStory = Awaited<ReturnType<typeof caseStory>>;
