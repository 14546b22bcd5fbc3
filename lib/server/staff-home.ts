import 'server-only';
import { and, asc, count, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { cases } from '@/db/schema';
import { OPEN_STATES } from '@/lib/domain/enums';
import { deadlineStatus } from '@/lib/domain/legal-term';
import type { StaffActor } from './auth/session';
import { caseScopeFilter } from './case-access';
import { getOrganization, loadCalendar } from './organization';

/** The landing page's figures: what is in the user's charge and what is closest to its due date. */
export function getStaffHome(
  actor: StaffActor,
  options: { db?: Db; now?: Date; limit?: number } = {},
) {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const open = inArray(cases.state, OPEN_STATES);
  const scope = caseScopeFilter(actor);
  const countWhere = (...filters: Parameters<typeof and>) =>
    db
      .select({ n: count() })
      .from(cases)
      .where(and(open, ...filters))
      .get()?.n ?? 0;

  const summary = {
    mine: countWhere(eq(cases.assigneeId, actor.id)),
    team: actor.teamId === null ? 0 : countWhere(eq(cases.teamId, actor.teamId)),
    unassigned: countWhere(isNull(cases.assigneeId), scope),
    overdue: countWhere(lt(cases.dueAt, now), scope),
  };

  const rows = db
    .select({
      id: cases.id,
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      subject: cases.subject,
      state: cases.state,
      dueDate: cases.dueDate,
      dueAt: cases.dueAt,
      isPaused: cases.isPaused,
    })
    .from(cases)
    .where(and(open, scope))
    // Cases with a due instant first, soonest first; paused and term-less ones after.
    .orderBy(sql`${cases.dueAt} is null`, asc(cases.dueAt))
    .limit(options.limit ?? 20)
    .all();
  const cal = loadCalendar(db, getOrganization(db));
  return {
    summary,
    cases: rows.map((r) => ({
      ...r,
      deadline: r.dueAt ? deadlineStatus(r.dueAt, now, cal) : null,
    })),
  };
}
