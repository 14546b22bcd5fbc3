import 'server-only';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, staffUsers } from '@/db/tables';
import { OPEN_STATES } from '@/lib/domain/enums';

/** The team's active agents marked available: whoever may pick a case up from its queue. */
export async function availableAgentIds(db: Conn, teamId: number): Promise<number[]> {
  const rows = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.teamId, teamId),
        eq(staffUsers.role, 'agent'),
        eq(staffUsers.isActive, true),
        eq(staffUsers.isAvailable, true),
      ),
    );
  return rows.map((r) => r.id);
}

/** How many open cases each of these staff members holds (absent: none). */
export async function openCasesByAgent(db: Conn, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: cases.assigneeId, n: count() })
    .from(cases)
    .where(and(inArray(cases.assigneeId, ids), inArray(cases.state, [...OPEN_STATES])))
    .groupBy(cases.assigneeId);
  return new Map(rows.map((r) => [r.id!, r.n]));
}
