import 'server-only';
import { getDb, type Db } from '@/db/client';
import { endOfLocalDay, startOfLocalDay } from '@/lib/domain/calendar';
import type { Actor } from '@/lib/server/core/actor';
import { sqlCsvResponse, type CsvCell } from '@/lib/server/core/csv';
import { AppError } from '@/lib/server/core/errors';
import { getOrganization } from '@/lib/server/core/organization';
import { parseInput } from '@/lib/server/core/parse';
import { AuditQuerySchema, type AuditQuery } from '@/lib/validation/admin-records';

export const AUDIT_PAGE_SIZE = 50;

/** Only admins read the audit history (pages, CSV, verify). */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'admins only');
}

export interface AuditRow {
  id: number;
  createdAt: Date;
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

export interface AuditPage {
  query: AuditQuery;
  rows: AuditRow[];
  /** The cursor of the next (older) page, or null on the last page. */
  nextBefore: number | null;
  /** A radicado that matches no case: the result is empty, said so. */
  unknownRadicado: boolean;
}

interface Filter {
  where: string;
  params: unknown[];
  unknownRadicado: boolean;
}

/**
 * The WHERE clause of a filtered history. Each filter meets an index: case → case_events_case_idx (case_id, id),
 * actor → case_events_actor_idx (actor_id, created_at), action → case_events_action_idx.
 */
function filterOf(db: Db, q: AuditQuery): Filter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  let unknownRadicado = false;
  if (q.radicado) {
    const row = db.$client
      .prepare('SELECT id FROM cases WHERE radicado = ?')
      .get(q.radicado.toUpperCase()) as { id: number } | undefined;
    if (!row) unknownRadicado = true;
    clauses.push('e.case_id = ?');
    params.push(row?.id ?? -1);
  }
  if (q.actor !== undefined) {
    clauses.push("e.actor_id = ? AND e.actor_role IN ('agent','supervisor','admin')");
    params.push(q.actor);
  }
  if (q.action) {
    clauses.push('e.action = ?');
    params.push(q.action);
  }
  const tz = getOrganization(db).timeZone;
  if (q.from) {
    clauses.push('e.created_at >= ?');
    params.push(startOfLocalDay(q.from, tz).getTime());
  }
  if (q.to) {
    clauses.push('e.created_at <= ?');
    params.push(endOfLocalDay(q.to, tz).getTime());
  }
  return {
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params,
    unknownRadicado,
  };
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
function byTime(q: AuditQuery): boolean {
  return !q.radicado && (q.actor !== undefined || Boolean(q.action));
}

const orderOf = (q: AuditQuery) =>
  byTime(q) ? 'ORDER BY e.created_at DESC, e.id DESC' : 'ORDER BY e.id DESC';

/** One page of the audit history, newest first, keyset-paged (`before`: the last id shown). */
export function searchAuditLog(input: unknown, actor: Actor, options: { db?: Db } = {}): AuditPage {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const query = parseInput(AuditQuerySchema, input);
  const filter = filterOf(db, query);
  const clauses = filter.where ? [filter.where.slice('WHERE '.length)] : [];
  const params = [...filter.params];
  if (query.before !== undefined) {
    if (byTime(query)) {
      const at = db.$client
        .prepare('SELECT created_at AS t FROM case_events WHERE id = ?')
        .get(query.before) as { t: number } | undefined;
      clauses.push('(e.created_at, e.id) < (?, ?)');
      params.push(at?.t ?? 0, query.before);
    } else {
      clauses.push('e.id < ?');
      params.push(query.before);
    }
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const raw = db.$client
    .prepare(`${SELECT} ${where} ${orderOf(query)} LIMIT ${AUDIT_PAGE_SIZE + 1}`)
    .all(...params) as (Omit<AuditRow, 'createdAt'> & { createdAt: number })[];
  const more = raw.length > AUDIT_PAGE_SIZE;
  const rows = raw
    .slice(0, AUDIT_PAGE_SIZE)
    .map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  return {
    query,
    rows,
    nextBefore: more ? (rows.at(-1)?.id ?? null) : null,
    unknownRadicado: filter.unknownRadicado,
  };
}

/** The SQL and params of a filtered history (for EXPLAIN QUERY PLAN in tests and the CSV). */
export function auditLogSql(db: Db, query: AuditQuery): { sql: string; params: unknown[] } {
  const filter = filterOf(db, { ...query, before: undefined });
  return { sql: `${SELECT} ${filter.where} ${orderOf(query)}`, params: filter.params };
}

export const AUDIT_CSV_COLUMNS = [
  'id',
  'createdAt',
  'action',
  'actorRole',
  'actorId',
  'actorName',
  'radicado',
  'visibility',
  'fromState',
  'toState',
  'body',
] as const;

/** The whole filtered history as CSV, streamed on its own read-only connection. */
export function auditLogCsv(
  input: unknown,
  actor: Actor,
  header: readonly string[],
  options: { db?: Db; filename?: string } = {},
): Response {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const query = parseInput(AuditQuerySchema, input);
  const { sql, params } = auditLogSql(db, query);
  return sqlCsvResponse(
    db,
    options.filename ?? 'auditoria.csv',
    header,
    sql,
    params,
    (r): CsvCell[] =>
      AUDIT_CSV_COLUMNS.map((c) =>
        c === 'createdAt' ? new Date(r[c] as number) : (r[c] as CsvCell),
      ),
  );
}

/**
 * The choices of the filter form: every staff member, and every action ever recorded (walked through
 * case_events_action_idx one distinct value at a time, so millions of events cost a few lookups).
 */
export function auditFilterOptions(actor: Actor, options: { db?: Db } = {}) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const staff = db.$client
    .prepare('SELECT id, name, role FROM staff_users ORDER BY name, id')
    .all() as { id: number; name: string; role: string }[];
  const actions = (
    db.$client
      .prepare(
        `WITH RECURSIVE a(x) AS (
           SELECT min(action) FROM case_events
           UNION ALL SELECT (SELECT min(action) FROM case_events WHERE action > a.x) FROM a
           WHERE a.x IS NOT NULL)
         SELECT x FROM a WHERE x IS NOT NULL`,
      )
      .all() as { x: string }[]
  ).map((r) => r.x);
  return { staff, actions };
}
