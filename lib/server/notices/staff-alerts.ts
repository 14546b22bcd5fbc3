import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, staffUsers, teams } from '@/db/tables';
import { availableAgentIds } from '../routing/team-agents';
import { ringBell } from './ring-bell';

/**
 * What staff hear about in the bell besides deadlines (issue 14 §3): the petitioner wrote, sent
 * the requested information, disagreed, asked for a call, or said the result was not delivered;
 * a case came to me (assigned) or to my team's queue.
 */
export const STAFF_ALERT_KINDS = [
  'petitioner_replied',
  'info_received',
  'disagreed',
  'callback_requested',
  'more_time_asked',
  'accepted_by_silence',
  'rated_no',
  'assigned_to_me',
  'team_queue',
  'returned_to_queue',
] as const;
export type StaffAlertKind = (typeof STAFF_ALERT_KINDS)[number];

/** The case action that calls for an alert, and which. */
export const ALERT_OF_ACTION: Partial<Record<string, StaffAlertKind>> = {
  provide_info: 'info_received',
  disagree: 'disagreed',
  request_callback: 'callback_requested',
  customer_message: 'petitioner_replied',
  ask_more_time: 'more_time_asked',
  accept_by_silence: 'accepted_by_silence',
};

export async function activeIds(tx: Conn, ids: (number | null)[]): Promise<number[]> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const active: number[] = [];
  for (const id of wanted) {
    const row = await first(
      tx.select({ isActive: staffUsers.isActive }).from(staffUsers).where(eq(staffUsers.id, id)),
    );
    if (row?.isActive === true) active.push(id);
  }
  return active;
}

/**
 * Who answers for a case now: its assignee, or its team's supervisor while nobody holds it; with
 * `both`, the assignee and the supervisor (what the law leaves no room to refuse).
 */
async function caseOwners(tx: Conn, caseId: number, both = false): Promise<number[]> {
  const row = await first(
    tx
      .select({ assigneeId: cases.assigneeId, supervisorId: teams.supervisorId })
      .from(cases)
      .leftJoin(teams, eq(teams.id, cases.teamId))
      .where(eq(cases.id, caseId)),
  );
  if (!row) return [];
  return await activeIds(
    tx,
    both ? [row.assigneeId, row.supervisorId] : [row.assigneeId ?? row.supervisorId],
  );
}

/**
 * Puts one alert in the bell of each recipient, once per event (its dedupe key), never for the
 * person who caused it, with its e-mail as each one prefers (ring-bell.ts). Runs in the
 * transaction of the change it announces.
 */
export async function alertStaff(
  tx: Conn,
  alert: {
    kind: StaffAlertKind;
    caseId: number;
    eventId: number;
    actorId: number | null;
    now: Date;
    /** Default: whoever answers for the case (caseOwners). */
    to?: number[];
  },
): Promise<number> {
  const recipients = (alert.to ?? (await caseOwners(tx, alert.caseId))).filter(
    (id) => id !== alert.actorId,
  );
  const { kind, caseId, eventId, now } = alert;
  let rung = 0;
  for (const userId of recipients) {
    if (
      await ringBell(tx, { userId, caseId, kind, dedupeKey: `${kind}.${eventId}.${userId}`, now })
    )
      rung++;
  }
  return rung;
}

/** After an assignment: the new assignee, or the team's agents when it waits in the queue. */
export async function alertAssignment(
  tx: Conn,
  a: {
    caseId: number;
    eventId: number;
    actorId: number | null;
    assigneeId: number | null;
    teamId: number | null;
    now: Date;
  },
): Promise<number> {
  if (a.assigneeId !== null) {
    return await alertStaff(tx, {
      ...a,
      kind: 'assigned_to_me',
      to: await activeIds(tx, [a.assigneeId]),
    });
  }
  if (a.teamId === null) return 0;
  return await alertStaff(tx, {
    ...a,
    kind: 'team_queue',
    to: await availableAgentIds(tx, a.teamId),
  });
}

/** The alert a case action calls for, after it is recorded (apply-case-action.ts). */
export async function alertForAction(
  tx: Conn,
  a: {
    row: { id: number; assigneeId: number | null; teamId: number | null };
    action: string;
    eventId: number;
    actorId: number | null;
    now: Date;
  },
): Promise<number> {
  const base = { caseId: a.row.id, eventId: a.eventId, actorId: a.actorId, now: a.now };
  if (a.action === 'assign') {
    return await alertAssignment(tx, {
      ...base,
      assigneeId: a.row.assigneeId,
      teamId: a.row.teamId,
    });
  }
  const kind = ALERT_OF_ACTION[a.action];
  // Art. 14.1 leaves no room to refuse: the holder delivers, the team's supervisor sees it happen.
  if (kind === 'accepted_by_silence') {
    return await alertStaff(tx, { ...base, kind, to: await caseOwners(tx, a.row.id, true) });
  }
  return kind ? await alertStaff(tx, { ...base, kind }) : 0;
}
