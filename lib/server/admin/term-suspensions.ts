import 'server-only';
import { one } from '@/db/rows';
import { and, desc, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import { casePauses, cases, termSuspensions } from '@/db/tables';
import { endOfLocalDay } from '@/lib/domain/calendar';
import { suspensionPause } from '@/lib/domain/term-suspension';
import { TermSuspensionSchema } from '@/lib/validation/admin-config';
import { computeCaseTerm, dueColumns } from '../cases/case-terms';
import { appendEvent } from '../core/audit';
import { withTransaction, type Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { getOrganization, loadCalendar, receiptRuleOf } from '../core/organization';
import { parseInput } from '../core/parse';
import { noticeForAction } from '../notices/case-notices';
import { formatLocalDate } from '../notices/translator';
import { appendAdminEvent } from './admin-event';

const OPEN_STATES = ['radicada', 'en_tramite', 'requiere_informacion'] as const;

/** The declared suspensions, newest first (the calendar page lists them). */
export async function listTermSuspensions(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  return await ctx.db.select().from(termSuspensions).orderBy(desc(termSuspensions.fromDate));
}

/**
 * Declares a suspension of terms (DOMAIN.md §3). Every open case with a legal term that it covers
 * (its type in scope, filed before the suspension ends) gets the suspension as a pause, its due
 * date recomputed, a public timeline entry and a notice with its new date; cases filed later while
 * it lasts get it at filing (create-case.ts). One transaction: all the cases move, or none.
 */
export async function declareTermSuspension(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(TermSuspensionSchema, input);
  const typeCodes = data.scope === 'all' ? null : [...new Set(data.typeCodes)];
  return withTransaction(ctx, async (tx) => {
    const { db, actor, now } = tx;
    const org = await getOrganization(db);
    const cal = await loadCalendar(db, org);
    const suspension = await one(
      db
        .insert(termSuspensions)
        .values({
          act: data.act,
          fromDate: data.fromDate,
          toDate: data.toDate,
          typeCodes,
          createdById: actor.id,
          createdAt: now,
        })
        .returning(),
    );
    const pause = suspensionPause(suspension, org.timeZone);
    const covered = await db
      .select()
      .from(cases)
      .where(
        and(
          inArray(cases.state, [...OPEN_STATES]),
          isNotNull(cases.termDays),
          lt(cases.receivedAt, endOfLocalDay(data.toDate, org.timeZone)),
          typeCodes === null ? undefined : inArray(cases.typeCode, typeCodes),
        ),
      );
    let moved = 0;
    for (const row of covered) {
      await db.insert(casePauses).values({ caseId: row.id, ...pause, suspensionId: suspension.id });
      const due = dueColumns(await computeCaseTerm(db, row, cal, receiptRuleOf(org)));
      const changes = { ...due, version: row.version + 1, updatedAt: now };
      await db.update(cases).set(changes).where(eq(cases.id, row.id));
      const eventId = await appendEvent(db, {
        caseId: row.id,
        action: 'term_suspended',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'public',
        body: data.act,
        data: {
          suspensionId: suspension.id,
          fromDate: data.fromDate,
          toDate: data.toDate,
          previousDueDate: row.dueDate,
          newDueDate: due.dueDate,
        },
        createdAt: now,
      });
      // A case waiting on the petitioner gets its new date when the information arrives.
      if (due.dueDate !== null) {
        const days = `${formatLocalDate(row.locale, data.fromDate)} – ${formatLocalDate(row.locale, data.toDate)}`;
        await noticeForAction(db, {
          row: { ...row, ...changes },
          action: 'term_suspended',
          body: `${data.act} (${days})`,
          data: null,
          eventId,
          org,
          now,
        });
      }
      if (due.dueDate !== row.dueDate) moved += 1;
    }
    await appendAdminEvent(tx, 'term_suspension_declared', {
      suspensionId: suspension.id,
      act: data.act,
      fromDate: data.fromDate,
      toDate: data.toDate,
      typeCodes,
      covered: covered.length,
      moved,
    });
    return { suspension, covered: covered.length, moved };
  });
}
