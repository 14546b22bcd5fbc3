import 'server-only';
import type { Conn } from '@/db/client';
import {
  countDrillDown,
  drillDownExportSql,
  drillDownPage,
  type DrillDownRow,
} from '@/db/sql/drill-down';
import { sqlCsvResponse, type CsvCell } from '../core/csv';
import type { SqlFilter } from './filters';
import { databaseOf } from '@/db/client';

/**
 * The cases behind a figure ("late but well treated", "Facturación complaints", "overdue for
 * Ana" …), one list and one CSV for every supervisor view. A view passes its filter (see
 * caseFilterSql) plus its own extra condition on `c` (cases) — always with bound parameters.
 */
export type { DrillDownRow };

export const DRILL_DOWN_PAGE_SIZE = 50;

function whereOf(filter: SqlFilter, extra?: SqlFilter): SqlFilter {
  if (!extra?.where) return filter;
  return {
    where: `${filter.where} AND (${extra.where})`,
    params: [...filter.params, ...extra.params],
  };
}

/** One page (newest first) and the total. */
export async function listDrillDown(
  db: Conn,
  filter: SqlFilter,
  extra: SqlFilter | undefined,
  page: number,
): Promise<{ rows: DrillDownRow[]; total: number; page: number; pageCount: number }> {
  const where = whereOf(filter, extra);
  const total = await countDrillDown(db, where);
  const pageCount = Math.max(1, Math.ceil(total / DRILL_DOWN_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await drillDownPage(
    db,
    where,
    DRILL_DOWN_PAGE_SIZE,
    (current - 1) * DRILL_DOWN_PAGE_SIZE,
  );
  return { rows, total, page: current, pageCount };
}

/** Column headers of the drill-down CSV, in the user's language (the caller translates). */
export const DRILL_DOWN_CSV_COLUMNS = [
  'radicado',
  'type',
  'channel',
  'state',
  'subject',
  'receivedAt',
  'dueDate',
  'firstAnsweredAt',
  'answeredOnTime',
  'answerBusinessDays',
  'reopenCount',
  'repeatContactCount',
  'assignee',
  'team',
  'process',
  'rootCause',
] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Every case of the drill-down as a streamed CSV (a million rows keep memory flat). */
export function drillDownCsv(
  db: Conn,
  filename: string,
  header: readonly string[],
  filter: SqlFilter,
  extra?: SqlFilter,
): Response {
  const { where, params } = whereOf(filter, extra);
  return sqlCsvResponse(
    databaseOf(db),
    filename,
    header,
    drillDownExportSql(where),
    params,
    (raw): readonly CsvCell[] => {
      const r = raw as unknown as DrillDownRow;
      return [
        r.radicado,
        r.typeCode,
        r.channel,
        r.state,
        r.subject,
        iso(r.receivedAt),
        r.dueDate,
        iso(r.firstAnsweredAt),
        r.answeredOnTime === null ? null : r.answeredOnTime === 1 ? 'si' : 'no',
        r.answerBusinessDays,
        r.reopenCount,
        r.repeatContactCount,
        r.assigneeName,
        r.teamName,
        r.processName,
        r.rootCauseName,
      ];
    },
  );
}
