import 'server-only';
import { jsonText } from '@/db/dialect';
import { first } from '@/db/rows';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  caseEvents,
  cases,
  interactions,
  promises,
  qualityRatings,
  resultRatings,
  staffUsers,
} from '@/db/tables';
import { effectivePromiseStatus } from '@/lib/domain/promises';
import { caseScopeFilter } from '../cases/case-access';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { petitionerInScope } from './petitioner-scope';

const LIST_LIMIT = 200;

/**
 * Everything on record about one petitioner, across channels (issue 14 §5): their cases (those in
 * the reader's scope, with how many others exist), the contacts on them, repeat contacts, the
 * result they reported and how the interactions felt (kept apart, never one score), the promises
 * made to them and how each ended, and every change to their identity or contact data with its
 * before and after.
 */
export async function petitionerRecord(ctx: Ctx, input: { customerId: number }) {
  requireRole(ctx.actor, 'staff');
  const { db, actor, now } = ctx;
  const person = await petitionerInScope(db, actor, input.customerId);
  const mine = eq(cases.customerId, person.id);
  const list = await db
    .select({
      id: cases.id,
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      channel: cases.channel,
      state: cases.state,
      subject: cases.subject,
      receivedAt: cases.receivedAt,
      dueDate: cases.dueDate,
      answeredOnTime: cases.answeredOnTime,
      repeatContactCount: cases.repeatContactCount,
    })
    .from(cases)
    .where(and(mine, caseScopeFilter(actor)))
    .orderBy(desc(cases.receivedAt), desc(cases.id))
    .limit(LIST_LIMIT);
  const total = (await first(
    db
      .select({ n: sql<number>`count(*)` })
      .from(cases)
      .where(mine),
  ))!.n;
  const ids = list.map((c) => c.id);
  const radicadoOf = new Map(list.map((c) => [c.id, c.radicado]));
  const inCases = <T extends { caseId: number }>(rows: T[]) =>
    rows.map((r) => ({ ...r, radicado: radicadoOf.get(r.caseId) ?? '' }));
  const none = ids.length === 0;
  const contacts = none
    ? []
    : await db
        .select({
          id: interactions.id,
          caseId: interactions.caseId,
          kind: interactions.kind,
          direction: interactions.direction,
          staffName: staffUsers.name,
          createdAt: interactions.createdAt,
        })
        .from(interactions)
        .leftJoin(staffUsers, eq(staffUsers.id, interactions.staffId))
        .where(inArray(interactions.caseId, ids))
        .orderBy(desc(interactions.createdAt), desc(interactions.id))
        .limit(LIST_LIMIT);
  const results = none
    ? []
    : await db
        .select({
          caseId: resultRatings.caseId,
          answer: resultRatings.answer,
          createdAt: resultRatings.createdAt,
        })
        .from(resultRatings)
        .where(inArray(resultRatings.caseId, ids));
  const experience = none
    ? []
    : await db
        .select({
          caseId: qualityRatings.caseId,
          source: qualityRatings.source,
          courtesy: qualityRatings.courtesy,
          clarity: qualityRatings.clarity,
          empathy: qualityRatings.empathy,
          createdAt: qualityRatings.createdAt,
        })
        .from(qualityRatings)
        .where(and(inArray(qualityRatings.caseId, ids), eq(qualityRatings.source, 'customer')));
  const promised = none
    ? []
    : (
        await db
          .select({
            id: promises.id,
            caseId: promises.caseId,
            description: promises.description,
            dueAt: promises.dueAt,
            status: promises.status,
            resolvedAt: promises.resolvedAt,
          })
          .from(promises)
          .where(inArray(promises.caseId, ids))
          .orderBy(desc(promises.dueAt))
          .limit(LIST_LIMIT)
      ).map((p) => ({ ...p, status: effectivePromiseStatus(p, now) }));
  return {
    person,
    cases: list,
    otherCasesCount: Math.max(0, total - list.length),
    repeatContacts: list.reduce((sum, c) => sum + c.repeatContactCount, 0),
    contacts: inCases(contacts),
    results: inCases(results),
    experience: inCases(experience),
    promises: inCases(promised),
    changes: await recordChanges(ctx, person.id, ids),
  };
}
export type PetitionerRecord = Awaited<ReturnType<typeof petitionerRecord>>;

/** Identity completions on their cases, and corrections of their data, newest first. */
async function recordChanges(ctx: Ctx, customerId: number, caseIds: number[]) {
  const columns = {
    id: caseEvents.id,
    action: caseEvents.action,
    caseId: caseEvents.caseId,
    body: caseEvents.body,
    data: caseEvents.data,
    actorName: staffUsers.name,
    createdAt: caseEvents.createdAt,
  };
  const completions =
    caseIds.length === 0
      ? []
      : await ctx.db
          .select(columns)
          .from(caseEvents)
          .leftJoin(staffUsers, eq(staffUsers.id, caseEvents.actorId))
          .where(
            and(inArray(caseEvents.caseId, caseIds), eq(caseEvents.action, 'identity_completed')),
          );
  const corrections = await ctx.db
    .select(columns)
    .from(caseEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, caseEvents.actorId))
    .where(
      and(
        eq(caseEvents.action, 'petitioner_corrected'),
        sql`${jsonText(caseEvents.data, 'customerId')} = ${customerId}`,
      ),
    )
    .orderBy(desc(caseEvents.id))
    .limit(LIST_LIMIT);
  return [...completions, ...corrections]
    .sort((a, b) => b.id - a.id)
    .map((e) => {
      const data = (e.data ?? {}) as {
        before?: Record<string, unknown>;
        after?: Record<string, unknown>;
      };
      return {
        id: e.id,
        action: e.action as 'identity_completed' | 'petitioner_corrected',
        caseId: e.caseId,
        reason: e.body,
        actorName: e.actorName,
        before: data.before ?? {},
        after: data.after ?? {},
        createdAt: e.createdAt,
      };
    });
}
