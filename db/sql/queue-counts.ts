import { sql, type SQL } from 'drizzle-orm';
import type { Conn } from '../client';

export interface MaintainedCounts {
  mine: number;
  team: number;
  unassigned: number;
  waiting: number;
  all: number;
}

/**
 * The queue tabs that depend only on team, assignee and state, summed from `queue_counts` (kept by
 * triggers, migration 0010): a few hundred rows read instead of up to a million cases counted.
 * `who` is the asker: an agent's counts cover their own cases, their team's and the unrouted pool;
 * anyone else's cover every case. `openStates` are the states the open queues hold; 0 in the
 * table means no team / no assignee.
 */
export function maintainedQueueCounts(
  db: Conn,
  who: { id: number | null; teamId: number | null; isAgent: boolean },
  openStates: readonly string[],
): MaintainedCounts {
  const open = sql.join(
    openStates.map((s) => sql`${s}`),
    sql`, `,
  );
  const me = who.id ?? -1;
  const team = who.teamId ?? -1;
  const where: SQL = who.isAgent
    ? sql`(assignee_id = ${me} OR team_id = ${team} OR (team_id = 0 AND assignee_id = 0))`
    : sql`1`;
  const row = db.get<MaintainedCounts>(
    sql`SELECT
          coalesce(sum(CASE WHEN assignee_id = ${me} AND state IN (${open}) THEN n END), 0) AS mine,
          coalesce(sum(CASE WHEN team_id = ${team} AND state IN (${open}) THEN n END), 0) AS team,
          coalesce(sum(CASE WHEN assignee_id = 0 AND state IN (${open}) THEN n END), 0) AS unassigned,
          coalesce(sum(CASE WHEN state = 'requiere_informacion' THEN n END), 0) AS waiting,
          coalesce(sum(n), 0) AS "all"
        FROM queue_counts WHERE ${where}`,
  );
  return row;
}
