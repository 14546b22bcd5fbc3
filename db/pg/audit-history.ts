import {
  auditWhere,
  isOrderedByTime,
  orderOf,
  whereOf,
  type AuditFilterInput,
  type RawAuditRow,
} from '../sql/audit-log';
import { epochMs, numbered, type Queryable } from './client';

/**
 * The audit history's reads on PostgreSQL, with SQLite's answers and row shapes
 * (db/sql/audit-log.ts): the same filters, order and keyset pages, instants as Unix milliseconds,
 * names and actions ordered by code point as SQLite orders text.
 */

const SELECT = `SELECT e.id, ${epochMs('e.created_at')} AS "createdAt", e.action,
  e.actor_role AS "actorRole", e.actor_id AS "actorId", s.name AS "actorName", c.radicado,
  e.visibility, e.from_state AS "fromState", e.to_state AS "toState", e.body
  FROM case_events e
  LEFT JOIN staff_users s ON s.id = e.actor_id AND e.actor_role IN ('agent','supervisor','admin')
  LEFT JOIN cases c ON c.id = e.case_id`;

export async function caseIdByRadicado(db: Queryable, radicado: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM cases WHERE radicado = $1', [
    radicado,
  ]);
  return rows[0]?.id ?? null;
}

export async function eventTime(db: Queryable, eventId: number): Promise<number | null> {
  const { rows } = await db.query<{ t: number }>(
    `SELECT ${epochMs('created_at')} AS t FROM case_events WHERE id = $1`,
    [eventId],
  );
  return rows[0]?.t ?? null;
}

/** One keyset page (`before`: the last id shown, `beforeTime` its instant), `limit` rows. */
export async function auditHistoryPage(
  db: Queryable,
  q: AuditFilterInput,
  caseId: number | null,
  page: { before?: number; beforeTime?: number | null; limit: number },
): Promise<RawAuditRow[]> {
  const { clauses, params } = auditWhere({ ...q, caseId }, (ms) => new Date(ms));
  if (page.before !== undefined) {
    if (isOrderedByTime(q)) {
      clauses.push('(e.created_at, e.id) < (?, ?)');
      params.push(new Date(page.beforeTime ?? 0), page.before);
    } else {
      clauses.push('e.id < ?');
      params.push(page.before);
    }
  }
  const text = `${SELECT} ${whereOf(clauses)} ${orderOf(q)} LIMIT ${Math.trunc(page.limit)}`;
  const { rows } = await db.query<RawAuditRow>(numbered(text), params);
  return rows;
}

export async function staffForAuditFilter(db: Queryable) {
  const { rows } = await db.query<{ id: number; name: string; role: string }>(
    'SELECT id, name, role FROM staff_users ORDER BY name COLLATE "C", id',
  );
  return rows;
}

/**
 * Every action ever recorded, one index probe per distinct value (case_events_action_idx), then
 * ordered as SQLite orders them: the walk follows the database's collation, which the index uses.
 */
export async function recordedActions(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ x: string }>(
    `WITH RECURSIVE a(x) AS (
       SELECT min(action) FROM case_events
       UNION ALL SELECT (SELECT min(action) FROM case_events WHERE action > a.x)
         FROM a WHERE a.x IS NOT NULL)
     SELECT x FROM a WHERE x IS NOT NULL`,
  );
  return rows.map((r) => r.x).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The chain's extent when a verification run starts: its last event and how many there are. */
export async function chainExtent(db: Queryable): Promise<{ lastId: number; total: number }> {
  const { rows } = await db.query<{ lastId: number | null; total: number }>(
    'SELECT max(id) AS "lastId", count(*) AS total FROM case_events',
  );
  return { lastId: rows[0]?.lastId ?? 0, total: rows[0]?.total ?? 0 };
}
