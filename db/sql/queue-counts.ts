import { sql, type SQL } from 'drizzle-orm';
import { sqliteOf, type Conn } from '../client';

export interface MaintainedCounts {
  mine: number;
  team: number;
  unassigned: number;
  waiting: number;
  all: number;
}

/** Who asks for counts: an agent's cover their own cases, their team's and the unrouted pool. */
export interface CountsAsker {
  id: number | null;
  teamId: number | null;
  isAgent: boolean;
}

/**
 * The queue tabs that depend only on team, assignee and state, summed from `queue_counts` (kept by
 * triggers, migration 0010): a few hundred rows read instead of up to a million cases counted.
 * `who` is the asker: an agent's counts cover their own cases, their team's and the unrouted pool;
 * anyone else's cover every case. `openStates` are the states the open queues hold; 0 in the
 * table means no team / no assignee.
 */
export async function maintainedQueueCounts(
  db: Conn,
  who: CountsAsker,
  openStates: readonly string[],
): Promise<MaintainedCounts> {
  const open = sql.join(
    openStates.map((s) => sql`${s}`),
    sql`, `,
  );
  const me = who.id ?? -1;
  const team = who.teamId ?? -1;
  const where: SQL = who.isAgent
    ? sql`(assignee_id = ${me} OR team_id = ${team} OR (team_id = 0 AND assignee_id = 0))`
    : sql`1`;
  const row = await db.get<MaintainedCounts>(
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

export interface DatedCounts {
  /** Due from `now` to `limit`, both included. */
  atRisk: number;
  /** Due before `now`. */
  overdue: number;
}

/** The states in which the legal clock runs (the dated tabs hold only these). */
const CLOCK = "state IN ('radicada', 'en_tramite')";

/**
 * Counts one part of the scope from an index on (its column, state, due_at): the cases due by the
 * later bound are a range of it per running state, counted without reading a case, except where a
 * part also asks for a column outside the index (then only that part's cases are read).
 */
const DATED = (part: string) =>
  `SELECT coalesce(sum(due_at < @now), 0) AS overdue,
          coalesce(sum(due_at >= @now AND due_at <= @limit), 0) AS atRisk
   FROM cases WHERE ${part} AND ${CLOCK} AND due_at <= @upTo`;

export const DATED_COUNT_PARTS = {
  everyone: DATED('1'),
  team: DATED('team_id = @team'),
  /** The asker's own cases outside their team: a range of the assignee's index, team read per case. */
  ownOutsideTeam: DATED('assignee_id = @me AND (team_id IS NULL OR team_id <> @team)'),
  own: DATED('assignee_id = @me'),
  /** Cases with no team: the unrouted pool, when no case without a team has an assignee. */
  noTeam: DATED('team_id IS NULL'),
  pool: DATED('team_id IS NULL AND assignee_id IS NULL'),
} as const;

/** From the maintained counts: whether the slower parts of an agent's scope hold any case. */
const SHAPE = `SELECT
    coalesce(sum(CASE WHEN assignee_id = @me AND team_id <> @team THEN n END), 0) AS ownOutside,
    coalesce(sum(CASE WHEN team_id = 0 THEN n END), 0) AS noTeam,
    coalesce(sum(CASE WHEN team_id = 0 AND assignee_id <> 0 THEN n END), 0) AS noTeamAssigned
  FROM queue_counts WHERE ${CLOCK}`;

/**
 * The two dated tabs ("por vencer", "vencidos") under the asker's scope, without an OR that no
 * index serves (issue 15): an agent's scope is split into parts that never overlap — the team's
 * cases, their own outside the team, the pool with neither — each counted from its own index; the
 * maintained counts say which parts hold no running case at all, and those are not read.
 * Instants are Unix milliseconds; `limit` ≥ `now` is not assumed.
 */
export function datedQueueCounts(
  db: Conn,
  who: CountsAsker,
  now: number,
  limit: number,
): DatedCounts {
  const sqlite = sqliteOf(db);
  const binds = {
    now,
    limit,
    upTo: Math.max(now, limit),
    me: who.id ?? -1,
    team: who.teamId ?? -1,
  };
  const count = (part: keyof typeof DATED_COUNT_PARTS) =>
    sqlite.prepare(DATED_COUNT_PARTS[part]).get(binds) as DatedCounts;
  if (!who.isAgent) return count('everyone');
  const shape = sqlite.prepare(SHAPE).get(binds) as {
    ownOutside: number;
    noTeam: number;
    noTeamAssigned: number;
  };
  const parts: (keyof typeof DATED_COUNT_PARTS)[] = [];
  if (who.teamId !== null) parts.push('team');
  // With no team, all the agent's own cases are outside it: a range of their index, nothing read.
  if (who.teamId === null) parts.push('own');
  else if (shape.ownOutside > 0) parts.push('ownOutsideTeam');
  if (shape.noTeam > 0) parts.push(shape.noTeamAssigned > 0 ? 'pool' : 'noTeam');
  return parts
    .map(count)
    .reduce(
      (sum, part) => ({ atRisk: sum.atRisk + part.atRisk, overdue: sum.overdue + part.overdue }),
      { atRisk: 0, overdue: 0 },
    );
}
