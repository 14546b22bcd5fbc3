import { OPEN_STATES, type CaseState, type CaseType } from '@/lib/domain/enums';
import type { Conn } from '../client';
import { readBatch } from '../read-pool';

/**
 * The deadline board's two statements (lib/server/supervision/board.ts explains the figures). Raw
 * SQL because the figures are one statement over the open set, read from cases_open_due_idx; the
 * text and its indexes are what board.test.ts checks with EXPLAIN QUERY PLAN and the benchmark times.
 */
export interface BoardFilter {
  teamId?: number;
  agentId?: number;
}

/** The instants that split open cases into the board's buckets, as epoch milliseconds. */
export interface BoardTimes {
  now: number;
  endOfToday: number;
  atRiskUntil: number;
}

/** State sets are constants, inlined so the planner can use the partial index cases_open_due_idx. */
export const OPEN = `c.state IN (${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;
export const FIGURES = [
  'open',
  'dueToday',
  'atRisk',
  'overdue',
  'promisesDueToday',
  'promisesBroken',
  'undelivered',
];

/** `c.team_id = @teamId …`: values are always bound, never written into the SQL. */
export function caseFilter(query: BoardFilter): string {
  return [
    query.teamId !== undefined ? 'AND c.team_id = @teamId' : '',
    query.agentId !== undefined ? 'AND c.assignee_id = @agentId' : '',
  ].join(' ');
}

/**
 * Every figure in one statement over the open set (~24,000 of a million cases): one row per open
 * case and one per pending or broken promise on an open case, then SUM … GROUP BY team, by agent and
 * in total, and the answers written but still undelivered past their due date (vencidas sin
 * notificar: answered, so no longer open, from the small partial index cases_undelivered_due_idx).
 * Teams and active agents with nothing open get a row of zeros, so the supervisor sees
 * who is free; with an agent filter only that agent is listed. Plan: the open cases by
 * (state, due_at), or (team|assignee, state, due_at) when filtered; promises by (status, due_at),
 * each joined to its case by primary key. Never a scan of the cases table (board.test.ts).
 */
function figuresSql(query: BoardFilter): string {
  const filter = caseFilter(query);
  const hasAgent = query.agentId !== undefined;
  const hasTeam = query.teamId !== undefined;
  const teamKeys = hasAgent ? '0' : hasTeam ? 'id = @teamId' : '1';
  const agentKeys = hasAgent ? 'id = @agentId' : hasTeam ? 'team_id = @teamId' : '1';
  const sums = `sum(is_case) AS open, sum(due_today) AS dueToday, sum(at_risk) AS atRisk,
    sum(overdue) AS overdue, sum(promise_due_today) AS promisesDueToday,
    sum(promise_broken) AS promisesBroken, sum(undelivered) AS undelivered`;
  return `
    WITH items AS MATERIALIZED (
      SELECT c.team_id AS team_id, c.assignee_id AS assignee_id, 1 AS is_case,
        coalesce(c.due_at < @now, 0) AS overdue,
        coalesce(c.due_at >= @now AND c.due_at <= @endOfToday, 0) AS due_today,
        coalesce(c.due_at > @endOfToday AND c.due_at <= @atRiskUntil, 0) AS at_risk,
        0 AS promise_due_today, 0 AS promise_broken, 0 AS undelivered
      FROM cases c
      WHERE ${OPEN} ${filter}
      UNION ALL
      SELECT c.team_id, c.assignee_id, 0, 0, 0, 0,
        p.status = 'pending' AND p.due_at >= @now AND p.due_at <= @endOfToday,
        p.status = 'broken' OR p.due_at < @now, 0
      FROM promises p JOIN cases c ON c.id = p.case_id
      WHERE p.status IN ('pending', 'broken') AND ${OPEN} ${filter}
      UNION ALL
      SELECT c.team_id, c.assignee_id, 0, 0, 0, 0, 0, 0, 1
      FROM cases c INDEXED BY cases_undelivered_due_idx
      WHERE c.first_answered_at IS NOT NULL AND c.answer_delivered_at IS NULL
        AND c.due_at < @now ${filter}
    ),
    g AS (
      SELECT 'total' AS dim, NULL AS key, ${sums} FROM items
      UNION ALL SELECT 'team', team_id, ${sums} FROM items GROUP BY team_id
      UNION ALL SELECT 'agent', assignee_id, ${sums} FROM items GROUP BY assignee_id
    ),
    k AS (
      SELECT 'total' AS dim, NULL AS key
      UNION SELECT 'team', id FROM teams WHERE ${teamKeys}
      UNION SELECT 'agent', id FROM staff_users WHERE role = 'agent' AND is_active = 1 AND ${agentKeys}
      ${hasAgent ? '' : "UNION SELECT 'agent', NULL"}
      UNION SELECT dim, key FROM g
    )
    SELECT k.dim AS dim, k.key AS id, coalesce(t.name, s.name) AS name,
      ${FIGURES.map((f) => `coalesce(g.${f}, 0) AS ${f}`).join(', ')}
    FROM k
    LEFT JOIN g ON g.dim = k.dim AND g.key IS k.key
    LEFT JOIN teams t ON k.dim = 'team' AND t.id = k.key
    LEFT JOIN staff_users s ON k.dim = 'agent' AND s.id = k.key
    ORDER BY k.dim, k.key IS NULL, name, k.key`;
}

/** One page of the cases behind the board, read in due order from cases_open_due_idx. */
function casesSql(query: BoardFilter): string {
  return `
    SELECT c.id, c.radicado, c.type_code AS typeCode, c.subject, c.state, c.due_date AS dueDate,
      c.due_at AS dueAt, c.assignee_id AS assigneeId, s.name AS assigneeName, t.name AS teamName,
      (SELECT min(p.due_at) FROM promises p
        WHERE p.case_id = c.id AND p.description IN ('pd_delivery', 'silence_recognition')
          AND p.status IN ('pending', 'broken')) AS deliveryDueAt
    FROM cases c INDEXED BY cases_open_due_idx
    LEFT JOIN staff_users s ON s.id = c.assignee_id
    LEFT JOIN teams t ON t.id = c.team_id
    WHERE ${OPEN} AND c.due_at <= @atRiskUntil ${caseFilter(query)}
    ORDER BY c.due_at, c.id
    LIMIT @pageSize OFFSET @offset`;
}

/** The filter's bound values: only those its clauses name (both engines' statements). */
export function filterValues(query: BoardFilter): { teamId?: number; agentId?: number } {
  return {
    ...(query.teamId !== undefined ? { teamId: query.teamId } : {}),
    ...(query.agentId !== undefined ? { agentId: query.agentId } : {}),
  };
}

/** The board's two statements for a filter, for EXPLAIN QUERY PLAN in tests. */
export function boardSql(query: BoardFilter): { figures: string; cases: string } {
  return { figures: figuresSql(query), cases: casesSql(query) };
}

/** A row of the figures statement: `dim` says whether it is the total, a team or an agent. */
export interface BoardGroupRow {
  dim: 'total' | 'team' | 'agent';
  id: number | null;
  name: string | null;
  open: number;
  dueToday: number;
  atRisk: number;
  overdue: number;
  promisesDueToday: number;
  promisesBroken: number;
  undelivered: number;
}

export interface BoardCaseRow {
  id: number;
  radicado: string;
  typeCode: CaseType;
  subject: string;
  state: CaseState;
  dueDate: string | null;
  dueAt: number;
  assigneeId: number | null;
  assigneeName: string | null;
  teamName: string | null;
  /**
   * Accepted by silence: when the PD copies are owed, or (Ley 142) the positive silence's effects
   * recognised (its open 'pd_delivery' or 'silence_recognition' promise).
   */
  deliveryDueAt: number | null;
}

/**
 * The figures and one page of cases, read together so both see the same snapshot, in the read
 * pool (db/read-pool.ts): the figures scan every open case.
 */
export async function readBoard(
  conn: Conn,
  query: BoardFilter,
  times: BoardTimes,
  page: { pageSize: number; offset: number },
): Promise<{ groups: BoardGroupRow[]; found: BoardCaseRow[] }> {
  const filter = filterValues(query);
  const [groups, found] = await readBatch(conn, [
    { sql: figuresSql(query), params: [{ ...filter, ...times }] },
    { sql: casesSql(query), params: [{ ...filter, atRiskUntil: times.atRiskUntil, ...page }] },
  ]);
  return { groups: groups as BoardGroupRow[], found: found as BoardCaseRow[] };
}
