import 'server-only';
import type { Conn } from '@/db/client';
import * as liteHistory from '@/db/sql/audit-log';
import {
  auditHistorySql,
  isOrderedByTime,
  type AuditFilterInput,
  type RawAuditRow,
} from '@/db/sql/audit-log';
import * as pgHistory from '@/db/pg/audit-history';
import { keysetRows } from '@/db/pg/export-streams';
import { isPg, pgQueryable } from '@/db/pg/transactions';
import { endOfLocalDay, startOfLocalDay } from '@/lib/domain/calendar';
import { AuditQuerySchema, type AuditQuery } from '@/lib/validation/admin-records';
import type { Ctx } from '../core/context';
import { localInstant, sqlCsvResponse, type CsvCell } from '../core/csv';
import type { AuditLabelled } from './audit-labels';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';

export const AUDIT_PAGE_SIZE = 50;

/** An audit row as the log shows it: the stored row with its instant as a date. */
export type AuditRow = Omit<RawAuditRow, 'createdAt'> & { createdAt: Date };

export interface AuditPage {
  query: AuditQuery;
  rows: AuditRow[];
  /** The cursor of the next (older) page, or null on the last page. */
  nextBefore: number | null;
  /** A radicado that matches no case: the result is empty, said so. */
  unknownRadicado: boolean;
}

type HistoryPage = Parameters<typeof liteHistory.auditHistoryPage>[3];

/**
 * The history's reads on `db`'s engine, with the same answers and row shapes:
 * db/pg/audit-history.ts on PostgreSQL, db/sql/audit-log.ts on SQLite.
 */
function historyReads(db: Conn) {
  if (isPg(db)) {
    const pg = pgQueryable(db);
    return {
      caseIdByRadicado: (radicado: string) => pgHistory.caseIdByRadicado(pg, radicado),
      eventTime: (eventId: number) => pgHistory.eventTime(pg, eventId),
      page: (q: AuditFilterInput, caseId: number | null, page: HistoryPage) =>
        pgHistory.auditHistoryPage(pg, q, caseId, page),
      staff: () => pgHistory.staffForAuditFilter(pg),
      actions: () => pgHistory.recordedActions(pg),
    };
  }
  return {
    caseIdByRadicado: (radicado: string) => liteHistory.caseIdByRadicado(db, radicado),
    eventTime: (eventId: number) => liteHistory.eventTime(db, eventId),
    page: (q: AuditFilterInput, caseId: number | null, page: HistoryPage) =>
      liteHistory.auditHistoryPage(db, q, caseId, page),
    staff: () => liteHistory.staffForAuditFilter(db),
    actions: () => liteHistory.recordedActions(db),
  };
}

/** The query's filters as the statement needs them: local days as instants, the case by id. */
async function filterOf(
  db: Conn,
  q: AuditQuery,
): Promise<{ filter: AuditFilterInput; caseId: number | null }> {
  const tz = (await getOrganization(db)).timeZone;
  const caseId = q.radicado
    ? await historyReads(db).caseIdByRadicado(q.radicado.toUpperCase())
    : null;
  return {
    filter: {
      radicado: q.radicado,
      actor: q.actor,
      action: q.action,
      fromMs: q.from ? startOfLocalDay(q.from, tz).getTime() : undefined,
      toMs: q.to ? endOfLocalDay(q.to, tz).getTime() : undefined,
    },
    caseId,
  };
}

/** One page of the audit history, newest first, keyset-paged (`before`: the last id shown). */
export async function searchAuditLog(ctx: Ctx, input: unknown): Promise<AuditPage> {
  requireRole(ctx.actor, 'admin');
  const query = parseInput(AuditQuerySchema, input);
  const reads = historyReads(ctx.db);
  const { filter, caseId } = await filterOf(ctx.db, query);
  const beforeTime =
    query.before !== undefined && isOrderedByTime(filter)
      ? await reads.eventTime(query.before)
      : null;
  const raw = await reads.page(filter, caseId, {
    before: query.before,
    beforeTime,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const more = raw.length > AUDIT_PAGE_SIZE;
  const rows = raw
    .slice(0, AUDIT_PAGE_SIZE)
    .map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  return {
    query,
    rows,
    nextBefore: more ? (rows.at(-1)?.id ?? null) : null,
    unknownRadicado: Boolean(query.radicado) && caseId === null,
  };
}

/** The SQLite statement of a filtered history (its EXPLAIN QUERY PLAN in tests). */
export async function auditLogSql(
  db: Conn,
  query: AuditQuery,
): Promise<{ sql: string; params: unknown[] }> {
  const { filter, caseId } = await filterOf(db, query);
  return auditHistorySql(filter, caseId);
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

/** Columns holding codes: the CSV gives their labels (issue 17 §2). */
const LABELLED: readonly AuditLabelled[] = [
  'action',
  'actorRole',
  'visibility',
  'fromState',
  'toState',
];

/**
 * The whole filtered history as CSV, streamed: on SQLite on its own read-only connection, on
 * PostgreSQL in the history's own keyset pages through the pool.
 */
export async function auditLogCsv(
  ctx: Ctx,
  input: unknown,
  extras: {
    header: readonly string[];
    filename?: string;
    /** A code's label in the reader's language (action, role, visibility, states). */
    label: (column: AuditLabelled, code: string) => string;
    timeZone: string;
  },
): Promise<Response> {
  requireRole(ctx.actor, 'admin');
  const query = parseInput(AuditQuerySchema, input);
  const { filter, caseId } = await filterOf(ctx.db, query);
  const labelled = (c: string): c is AuditLabelled => (LABELLED as readonly string[]).includes(c);
  return sqlCsvResponse<RawAuditRow>(
    ctx.db,
    extras.filename ?? 'auditoria.csv',
    extras.header,
    {
      sqlite: auditHistorySql(filter, caseId),
      pg: (pool) =>
        keysetRows((after, limit) =>
          pgHistory.auditHistoryPage(pool, filter, caseId, {
            before: after?.id,
            beforeTime: after?.createdAt,
            limit,
          }),
        ),
    },
    (r): CsvCell[] =>
      AUDIT_CSV_COLUMNS.map((c) => {
        const value = r[c];
        if (c === 'createdAt') return localInstant(value as number, extras.timeZone);
        if (labelled(c) && typeof value === 'string') return extras.label(c, value);
        return value as CsvCell;
      }),
  );
}

/** The choices of the filter form: every staff member, and every action ever recorded. */
export async function auditFilterOptions(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  const reads = historyReads(ctx.db);
  return { staff: await reads.staff(), actions: await reads.actions() };
}
