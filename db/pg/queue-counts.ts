import type { CountsAsker, DatedCounts, MaintainedCounts } from '../sql/queue-counts';
import type { Queryable } from './client';

/**
 * The queue tabs' counts on PostgreSQL: the same answers as db/sql/queue-counts.ts on SQLite, from
 * the same `queue_counts` rows (kept by trigger, db/pg/migrations/0002) and the same indexes.
 * Instants arrive as Unix milliseconds, as there.
 */
export async function maintainedQueueCounts(
  db: Queryable,
  who: CountsAsker,
  openStates: readonly string[],
): Promise<MaintainedCounts> {
  const me = who.id ?? -1;
  const team = who.teamId ?? -1;
  const { rows } = await db.query<MaintainedCounts>(
    `SELECT
       coalesce(sum(n) FILTER (WHERE assignee_id = $1 AND state = ANY($3)), 0)::int AS mine,
       coalesce(sum(n) FILTER (WHERE team_id = $2 AND state = ANY($3)), 0)::int AS team,
       coalesce(sum(n) FILTER (WHERE assignee_id = 0 AND state = ANY($3)), 0)::int AS unassigned,
       coalesce(sum(n) FILTER (WHERE state = 'requiere_informacion'), 0)::int AS waiting,
       coalesce(sum(n), 0)::int AS "all"
     FROM queue_counts
     WHERE NOT $4 OR assignee_id = $1 OR team_id = $2 OR (team_id = 0 AND assignee_id = 0)`,
    [me, team, openStates, who.isAgent],
  );
  return rows[0]!;
}

/**
 * The dated tabs ("por vencer", "vencidos") under the asker's scope. PostgreSQL combines the
 * indexes of an OR by itself (a bitmap OR), so the scope is one condition, not SQLite's parts.
 */
export async function datedQueueCounts(
  db: Queryable,
  who: CountsAsker,
  now: number,
  limit: number,
): Promise<DatedCounts> {
  const scope = who.isAgent
    ? `(team_id = $4 OR assignee_id = $5 OR (team_id IS NULL AND assignee_id IS NULL))`
    : 'true';
  const { rows } = await db.query<DatedCounts>(
    `SELECT count(*) FILTER (WHERE due_at < $1)::int AS overdue,
            count(*) FILTER (WHERE due_at >= $1 AND due_at <= $2)::int AS "atRisk"
       FROM cases
      WHERE ${scope} AND state IN ('radicada', 'en_tramite') AND due_at <= $3`,
    who.isAgent
      ? [
          new Date(now),
          new Date(limit),
          new Date(Math.max(now, limit)),
          who.teamId ?? -1,
          who.id ?? -1,
        ]
      : [new Date(now), new Date(limit), new Date(Math.max(now, limit))],
  );
  return rows[0]!;
}
