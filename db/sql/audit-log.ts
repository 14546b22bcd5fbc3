import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import type { Conn } from '../client';
import { readAll } from '../read-pool';

/**
 * The audit history's raw SQL (issue 11: raw statements live behind db/). The page, the CSV export
 * and the filter choices read case_events through the indexes named below; the verbs in
 * lib/server/admin decide who may read and parse the query.
 */

export interface AuditFilterInput {
  radicado?: string;
  actor?: number;
  action?: string;
  /** Inclusive bounds as instants (the caller turns local days into them). */
  fromMs?: number;
  toMs?: number;
}

export interface AuditSql {
  sql: string;
  params: unknown[];
}

export interface RawAuditRow {
  id: number;
  createdAt: number;
  action: string;
  actorRole: string;
  actorId: number | null;
  actorName: string | null;
  radicado: string | null;
  visibility: string;
  fromState: string | null;
  toState: string | null;
  body: string | null;
}

/** A `?`-placeholder statement as a drizzle query, so it runs on the database or a transaction. */
function bound(text: string, params: readonly unknown[]): SQL {
  const parts = text.split('?');
  const chunks: SQL[] = [sql.raw(parts[0] ?? '')];
  parts.slice(1).forEach((part, i) => chunks.push(sql`${params[i]}`, sql.raw(part)));
  return sql.join(chunks);
}

export async function caseIdByRadicado(db: Conn, radicado: string): Promise<number | null> {
  const row = await db.get<{ id: number } | undefined>(
    sql`SELECT id FROM cases WHERE radicado = ${radicado}`,
  );
  return row?.id ?? null;
}

export async function eventTime(db: Conn, eventId: number): Promise<number | null> {
  const row = await db.get<{ t: number } | undefined>(
    sql`SELECT created_at AS t FROM case_events WHERE id = ${eventId}`,
  );
  return row?.t ?? null;
}

/**
 * The WHERE clause of a filtered history. Each filter meets an index: case →
 * case_events_case_idx (case_id, id), actor → case_events_actor_idx (actor_id, created_at),
 * action → case_events_action_idx. `caseId` -1 stands for a radicado that matches no case.
 * `instant` binds a bound as the engine stores instants (SQLite: milliseconds; PostgreSQL: a Date).
 */
export function auditWhere(
  q: AuditFilterInput & { caseId?: number | null },
  instant: (ms: number) => unknown = (ms) => ms,
): {
  clauses: string[];
  params: unknown[];
} {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (q.radicado) {
    clauses.push('e.case_id = ?');
    params.push(q.caseId ?? -1);
  }
  if (q.actor !== undefined) {
    clauses.push("e.actor_id = ? AND e.actor_role IN ('agent','supervisor','admin')");
    params.push(q.actor);
  }
  if (q.action) {
    clauses.push('e.action = ?');
    params.push(q.action);
  }
  if (q.fromMs !== undefined) {
    clauses.push('e.created_at >= ?');
    params.push(instant(q.fromMs));
  }
  if (q.toMs !== undefined) {
    clauses.push('e.created_at <= ?');
    params.push(instant(q.toMs));
  }
  return { clauses, params };
}

const SELECT = `SELECT e.id, e.created_at AS createdAt, e.action, e.actor_role AS actorRole,
  e.actor_id AS actorId, s.name AS actorName, c.radicado, e.visibility,
  e.from_state AS fromState, e.to_state AS toState, e.body
  FROM case_events e
  LEFT JOIN staff_users s ON s.id = e.actor_id AND e.actor_role IN ('agent','supervisor','admin')
  LEFT JOIN cases c ON c.id = e.case_id`;

/**
 * Newest first. With an actor or action filter (and no case) the order is (created_at, id)
 * descending, which case_events_actor_idx / case_events_action_idx deliver as stored (their rowid
 * is the last key), so a page reads 51 index entries instead of sorting millions. Otherwise id
 * descending: the rowid itself, or case_events_case_idx (case_id, id).
 */
export function isOrderedByTime(q: AuditFilterInput): boolean {
  return !q.radicado && (q.actor !== undefined || Boolean(q.action));
}

export const orderOf = (q: AuditFilterInput) =>
  isOrderedByTime(q) ? 'ORDER BY e.created_at DESC, e.id DESC' : 'ORDER BY e.id DESC';

export const whereOf = (clauses: readonly string[]) =>
  clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';

/** The whole filtered history's statement (the CSV stream; EXPLAIN QUERY PLAN in tests). */
export function auditHistorySql(q: AuditFilterInput, caseId: number | null): AuditSql {
  const { clauses, params } = auditWhere({ ...q, caseId });
  return { sql: `${SELECT} ${whereOf(clauses)} ${orderOf(q)}`, params };
}

/** One keyset page (`before`: the last id shown, `beforeTime` its instant), `limit` rows. */
export async function auditHistoryPage(
  db: Conn,
  q: AuditFilterInput,
  caseId: number | null,
  page: { before?: number; beforeTime?: number | null; limit: number },
): Promise<RawAuditRow[]> {
  const { clauses, params } = auditWhere({ ...q, caseId });
  if (page.before !== undefined) {
    if (isOrderedByTime(q)) {
      clauses.push('(e.created_at, e.id) < (?, ?)');
      params.push(page.beforeTime ?? 0, page.before);
    } else {
      clauses.push('e.id < ?');
      params.push(page.before);
    }
  }
  const text = `${SELECT} ${whereOf(clauses)} ${orderOf(q)} LIMIT ${Math.trunc(page.limit)}`;
  return await db.all<RawAuditRow>(bound(text, params));
}

export async function staffForAuditFilter(db: Conn) {
  return await db.all<{ id: number; name: string; role: string }>(
    sql`SELECT id, name, role FROM staff_users ORDER BY name, id`,
  );
}

/**
 * Every action ever recorded, walked through case_events_action_idx one distinct value at a time,
 * so millions of events cost a few lookups.
 */
export async function recordedActions(db: Conn): Promise<string[]> {
  return (
    await db.all<{ x: string }>(
      sql.raw(`WITH RECURSIVE a(x) AS (
           SELECT min(action) FROM case_events
           UNION ALL SELECT (SELECT min(action) FROM case_events WHERE action > a.x) FROM a
           WHERE a.x IS NOT NULL)
         SELECT x FROM a WHERE x IS NOT NULL`),
    )
  ).map((r) => r.x);
}

export interface StoredEventRow {
  id: number;
  case_id: number | null;
  action: string;
  actor_role: string;
  actor_id: number | null;
  from_state: string | null;
  to_state: string | null;
  visibility: string;
  body: string | null;
  data: string | null;
  created_at: number;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * Every event in id order, one row at a time (memory stays flat for millions of events), on a
 * read-only connection of the caller's (lib/server/core/csv.ts `openExportConnection`).
 */
export function iterateAuditChain(reader: Database.Database): IterableIterator<StoredEventRow> {
  return reader
    .prepare(
      `SELECT id, case_id, action, actor_role, actor_id, from_state, to_state, visibility, body,
         data, created_at, prev_hash, hash FROM case_events ORDER BY id`,
    )
    .iterate() as IterableIterator<StoredEventRow>;
}

const CHAIN_COLUMNS = `id, case_id, action, actor_role, actor_id, from_state, to_state, visibility,
  body, data, created_at, prev_hash, hash`;

/**
 * One batch of the chain for the background verification: the events after `afterId` up to
 * `throughId` (the last event when the run started), in id order, at most `limit` of them. Read
 * in the read pool (db/read-pool.ts): a run reads every event there is.
 */
export function auditChainBatch(
  db: Conn,
  batch: { afterId: number; throughId: number; limit: number },
): Promise<StoredEventRow[]> {
  return readAll<StoredEventRow>(
    db,
    `SELECT ${CHAIN_COLUMNS} FROM case_events WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`,
    [batch.afterId, batch.throughId, batch.limit],
  );
}

/** The chain's extent when a verification run starts: its last event and how many there are. */
export async function chainExtent(db: Conn): Promise<{ lastId: number; total: number }> {
  const row = await db.get<{ lastId: number | null; total: number }>(
    sql`SELECT max(id) AS lastId, count(*) AS total FROM case_events`,
  );
  return { lastId: row.lastId ?? 0, total: row.total };
}
