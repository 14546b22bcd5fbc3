import {
  caseFilter,
  FIGURES,
  filterValues,
  OPEN,
  type BoardCaseRow,
  type BoardFilter,
  type BoardGroupRow,
  type BoardTimes,
} from '../sql/board';
import { epochMs, type PgDb } from './client';

/**
 * The deadline board's two statements on PostgreSQL: the same figures and page as SQLite's
 * (db/sql/board.ts explains them), read in one REPEATABLE READ snapshot so both agree. Instants
 * come back as Unix milliseconds and names sort by code point (COLLATE "C"), as on SQLite.
 */
const flag = (condition: string) => `coalesce((${condition})::int, 0)`;

/** Named parameters (`@now`) as PostgreSQL's positional ones, with their values in order. */
function bind(text: string, values: Record<string, unknown>): { text: string; params: unknown[] } {
  const names: string[] = [];
  const out = text.replace(/@(\w+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for @${name}`);
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return { text: out, params: names.map((name) => values[name]) };
}

function figuresSql(query: BoardFilter): string {
  const filter = caseFilter(query);
  const hasAgent = query.agentId !== undefined;
  const hasTeam = query.teamId !== undefined;
  const teamKeys = hasAgent ? 'false' : hasTeam ? 'id = @teamId' : 'true';
  const agentKeys = hasAgent ? 'id = @agentId' : hasTeam ? 'team_id = @teamId' : 'true';
  const sums = `sum(is_case) AS open, sum(due_today) AS "dueToday", sum(at_risk) AS "atRisk",
    sum(overdue) AS overdue, sum(promise_due_today) AS "promisesDueToday",
    sum(promise_broken) AS "promisesBroken", sum(undelivered) AS undelivered`;
  return `
    WITH items AS MATERIALIZED (
      SELECT c.team_id, c.assignee_id, 1 AS is_case,
        ${flag('c.due_at < @now')} AS overdue,
        ${flag('c.due_at >= @now AND c.due_at <= @endOfToday')} AS due_today,
        ${flag('c.due_at > @endOfToday AND c.due_at <= @atRiskUntil')} AS at_risk,
        0 AS promise_due_today, 0 AS promise_broken, 0 AS undelivered
      FROM cases c
      WHERE ${OPEN} ${filter}
      UNION ALL
      SELECT c.team_id, c.assignee_id, 0, 0, 0, 0,
        ${flag("p.status = 'pending' AND p.due_at >= @now AND p.due_at <= @endOfToday")},
        ${flag("p.status = 'broken' OR p.due_at < @now")}, 0
      FROM promises p JOIN cases c ON c.id = p.case_id
      WHERE p.status IN ('pending', 'broken') AND ${OPEN} ${filter}
      UNION ALL
      SELECT c.team_id, c.assignee_id, 0, 0, 0, 0, 0, 0, 1
      FROM cases c
      WHERE c.first_answered_at IS NOT NULL AND c.answer_delivered_at IS NULL
        AND c.due_at < @now ${filter}
    ),
    g AS (
      SELECT 'total' AS dim, NULL::bigint AS key, ${sums} FROM items
      UNION ALL SELECT 'team', team_id, ${sums} FROM items GROUP BY team_id
      UNION ALL SELECT 'agent', assignee_id, ${sums} FROM items GROUP BY assignee_id
    ),
    k AS (
      SELECT 'total' AS dim, NULL::bigint AS key
      UNION SELECT 'team', id FROM teams WHERE ${teamKeys}
      UNION SELECT 'agent', id FROM staff_users WHERE role = 'agent' AND is_active AND ${agentKeys}
      ${hasAgent ? '' : "UNION SELECT 'agent', NULL"}
      UNION SELECT dim, key FROM g
    )
    SELECT k.dim, k.key AS id, coalesce(t.name, s.name) AS name,
      ${FIGURES.map((f) => `coalesce(g."${f}", 0) AS "${f}"`).join(', ')}
    FROM k
    LEFT JOIN g ON g.dim = k.dim AND g.key IS NOT DISTINCT FROM k.key
    LEFT JOIN teams t ON k.dim = 'team' AND t.id = k.key
    LEFT JOIN staff_users s ON k.dim = 'agent' AND s.id = k.key
    ORDER BY k.dim COLLATE "C", k.key IS NULL, coalesce(t.name, s.name) COLLATE "C" NULLS FIRST, k.key NULLS FIRST`;
}

function casesSql(query: BoardFilter): string {
  return `
    SELECT c.id, c.radicado, c.type_code AS "typeCode", c.subject, c.state, c.due_date AS "dueDate",
      ${epochMs('c.due_at')} AS "dueAt", c.assignee_id AS "assigneeId", s.name AS "assigneeName",
      t.name AS "teamName",
      (SELECT ${epochMs('min(p.due_at)')} FROM promises p
        WHERE p.case_id = c.id AND p.description IN ('pd_delivery', 'silence_recognition')
          AND p.status IN ('pending', 'broken')) AS "deliveryDueAt"
    FROM cases c
    LEFT JOIN staff_users s ON s.id = c.assignee_id
    LEFT JOIN teams t ON t.id = c.team_id
    WHERE ${OPEN} AND c.due_at <= @atRiskUntil ${caseFilter(query)}
    ORDER BY c.due_at, c.id
    LIMIT @pageSize OFFSET @offset`;
}

export async function readBoard(
  db: PgDb,
  query: BoardFilter,
  times: BoardTimes,
  page: { pageSize: number; offset: number },
): Promise<{ groups: BoardGroupRow[]; found: BoardCaseRow[] }> {
  const filter = filterValues(query);
  const instants = {
    now: new Date(times.now),
    endOfToday: new Date(times.endOfToday),
    atRiskUntil: new Date(times.atRiskUntil),
  };
  const figures = bind(figuresSql(query), { ...filter, ...instants });
  const cases = bind(casesSql(query), { ...filter, atRiskUntil: instants.atRiskUntil, ...page });
  const client = await db.$client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const groups = await client.query<BoardGroupRow>(figures.text, figures.params);
    const found = await client.query<BoardCaseRow>(cases.text, cases.params);
    await client.query('COMMIT');
    return { groups: groups.rows, found: found.rows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
