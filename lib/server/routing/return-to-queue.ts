import 'server-only';
import { first } from '@/db/rows';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { cases, staffUsers, teams } from '@/db/tables';
import { OPEN_STATES } from '@/lib/domain/enums';
import { appendEvent } from '../core/audit';
import type { Ctx } from '../core/context';
import { alertStaff } from '../notices/staff-alerts';

/**
 * Gives a person's open cases back to their team's queue (issue 14 §2), e.g. when the person is
 * deactivated: each case loses its assignee (and keeps its team, or takes the person's), records
 * why on its timeline, and the team's supervisor hears of it. Call inside the transaction of the
 * change that causes it (deactivation, or the long-absence job); returns how many cases went back.
 */
export async function returnCasesToQueue(
  tx: Ctx,
  userId: number,
  reason: 'deactivated' | 'away',
): Promise<number> {
  const person = await first(
    tx.db
      .select({ teamId: staffUsers.teamId, name: staffUsers.name })
      .from(staffUsers)
      .where(eq(staffUsers.id, userId)),
  );
  const open = await tx.db
    .select({ id: cases.id, state: cases.state, teamId: cases.teamId })
    .from(cases)
    .where(and(eq(cases.assigneeId, userId), inArray(cases.state, [...OPEN_STATES])));
  const supervisors = new Map<number, number | null>();
  const supervisorOf = async (teamId: number) => {
    if (!supervisors.has(teamId)) {
      const row = await first(
        tx.db.select({ id: teams.supervisorId }).from(teams).where(eq(teams.id, teamId)),
      );
      supervisors.set(teamId, row?.id ?? null);
    }
    return supervisors.get(teamId) ?? null;
  };
  for (const c of open) {
    const teamId = c.teamId ?? person?.teamId ?? null;
    await tx.db
      .update(cases)
      .set({ assigneeId: null, teamId, version: sql`${cases.version} + 1`, updatedAt: tx.now })
      .where(eq(cases.id, c.id));
    const eventId = await appendEvent(tx.db, {
      caseId: c.id,
      action: 'returned_to_queue',
      actorRole: tx.actor.role,
      actorId: tx.actor.id,
      fromState: c.state,
      toState: c.state,
      visibility: 'internal',
      data: { fromUserId: userId, fromName: person?.name ?? null, reason, teamId },
      createdAt: tx.now,
    });
    const supervisor = teamId === null ? null : await supervisorOf(teamId);
    if (supervisor !== null) {
      await alertStaff(tx.db, {
        kind: 'returned_to_queue',
        caseId: c.id,
        eventId,
        actorId: tx.actor.id,
        now: tx.now,
        to: [supervisor],
      });
    }
  }
  return open.length;
}
