import 'server-only';
import { inJsonIds } from '@/db/dialect';
import { eq, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, customers, promises, staffUsers, teams } from '@/db/tables';
import type { BusinessCalendar } from '@/lib/domain/calendar';
import type { CaseState, CaseType, Channel, Priority } from '@/lib/domain/enums';
import { deadlineStatus, type DeadlineStatus } from '@/lib/domain/legal-term';
import { effectivePromiseStatus } from '@/lib/domain/promises';
import { preparedQuery } from '../core/prepared';

export interface QueueRow {
  id: number;
  radicado: string;
  typeCode: CaseType;
  subject: string;
  /** Null for anonymous filings. */
  customerName: string | null;
  channel: Channel;
  state: CaseState;
  priority: Priority;
  dueDate: string | null;
  dueAt: Date | null;
  isPaused: boolean;
  /** The traffic light; null unless the legal clock is running (radicada, en trámite). */
  deadline: { status: DeadlineStatus; businessDaysLeft: number } | null;
  /** The earliest pending promise; one already past due still counts and reads as broken. */
  nextPromiseDueAt: Date | null;
  nextPromiseIsBroken: boolean;
  assigneeName: string | null;
  teamName: string | null;
  receivedAt: Date;
  /** The version the row was read at: a bulk action on it is refused if the case moved on. */
  version: number;
}

/** The legal clock runs: not paused waiting on the petitioner, not stopped by an answer. */
export const CLOCK_STATES: readonly CaseState[] = ['radicada', 'en_tramite'];

/**
 * The columns a queue shows for the cases whose ids come as a JSON array: one statement for any
 * page, built and prepared once per connection (issue 15). The promise is correlated per row of
 * the page only: the page's ids are already chosen.
 */
const pageCases = preparedQuery((db) => {
  const nextPromise = sql<number | null>`(
    select min(${promises.dueAt}) from ${promises}
    where ${promises.caseId} = ${cases.id} and ${promises.status} = 'pending'
  )`;
  return db
    .select({
      id: cases.id,
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      subject: cases.subject,
      isAnonymous: cases.isAnonymous,
      customerName: customers.fullName,
      // Filed by e-mail or API with the identity still to complete: the address it came from.
      responseAddress: cases.responseAddress,
      channel: cases.channel,
      state: cases.state,
      priority: cases.priority,
      dueDate: cases.dueDate,
      dueAt: cases.dueAt,
      isPaused: cases.isPaused,
      nextPromiseDueAt: nextPromise,
      assigneeName: staffUsers.name,
      teamName: teams.name,
      receivedAt: cases.receivedAt,
      version: cases.version,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(staffUsers, eq(staffUsers.id, cases.assigneeId))
    .leftJoin(teams, eq(teams.id, cases.teamId))
    .where(inJsonIds(cases.id, 'ids'))
    .prepare();
});

/** The columns a queue shows, for the page's cases, in the page's order. */
export async function pageRows(
  db: Conn,
  ids: number[],
  now: Date,
  cal: BusinessCalendar,
): Promise<QueueRow[]> {
  if (ids.length === 0) return [];
  const found = await pageCases(db).all({ ids: JSON.stringify(ids) });
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { isAnonymous, nextPromiseDueAt, responseAddress, ...rest } = r;
    const promiseDue = nextPromiseDueAt === null ? null : new Date(nextPromiseDueAt);
    return [
      {
        ...rest,
        customerName: isAnonymous ? null : (r.customerName ?? responseAddress),
        deadline:
          CLOCK_STATES.includes(r.state) && r.dueAt ? deadlineStatus(r.dueAt, now, cal) : null,
        nextPromiseDueAt: promiseDue,
        nextPromiseIsBroken:
          promiseDue !== null &&
          effectivePromiseStatus({ status: 'pending', dueAt: promiseDue }, now) === 'broken',
      },
    ];
  });
}
