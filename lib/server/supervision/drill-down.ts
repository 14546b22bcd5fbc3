import 'server-only';
import type { Db } from '@/db/client';
import type { CaseState, CaseType, Channel } from '@/lib/domain/enums';
import { sqlCsvResponse, type CsvCell } from '../core/csv';
import type { SqlFilter } from './filters';

/**
 * The cases behind a figure ("late but well treated", "Facturación complaints", "overdue for
 * Ana" …), one list and one CSV for every supervisor view. A view passes its filter (see
 * caseFilterSql) plus its own extra condition on `c` (cases) — always with bound parameters.
 */
export interface DrillDownRow {
  id: number;
  radicado: string;
  typeCode: CaseType;
  channel: Channel;
  state: CaseState;
  subject: string;
  receivedAt: number;
  dueDate: string | null;
  firstAnsweredAt: number | null;
  answeredOnTime: number | null;
  answerBusinessDays: number | null;
  reopenCount: number;
  repeatContactCount: number;
  assigneeName: string | null;
  teamName: string | null;
  processName: string | null;
  rootCauseName: string | null;
}

export const DRILL_DOWN_PAGE_SIZE = 50;

const SELECT = `
  SELECT c.id, c.radicado, c.type_code AS typeCode, c.channel, c.state, c.subject,
         c.received_at AS receivedAt, coalesce(c.extended_due_date, c.due_date) AS dueDate,
         c.first_answered_at AS firstAnsweredAt, c.answered_on_time AS answeredOnTime,
         c.answer_business_days AS answerBusinessDays, c.reopen_count AS reopenCount,
         c.repeat_contact_count AS repeatContactCount, s.name AS assigneeName, t.name AS teamName,
         p.name AS processName, rc.name AS rootCauseName
  FROM cases c
  LEFT JOIN staff_users s ON s.id = c.assignee_id
  LEFT JOIN teams t ON t.id = c.team_id
  LEFT JOIN processes p ON p.id = c.process_id
  LEFT JOIN root_causes rc ON rc.id = c.root_cause_id`;

function whereOf(filter: SqlFilter, extra?: SqlFilter): SqlFilter {
  if (!extra?.where) return filter;
  return {
    where: `${filter.where} AND (${extra.where})`,
    params: [...filter.params, ...extra.params],
  };
}

/** One page (newest first) and the total. */
export function listDrillDown(
  db: Db,
  filter: SqlFilter,
  extra: SqlFilter | undefined,
  page: number,
): { rows: DrillDownRow[]; total: number; page: number; pageCount: number } {
  const { where, params } = whereOf(filter, extra);
  const total = (
    db.$client.prepare(`SELECT count(*) AS n FROM cases c WHERE ${where}`).get(...params) as {
      n: number;
    }
  ).n;
  const pageCount = Math.max(1, Math.ceil(total / DRILL_DOWN_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = db.$client
    .prepare(`${SELECT} WHERE ${where} ORDER BY c.received_at DESC, c.id DESC LIMIT ? OFFSET ?`)
    .all(...params, DRILL_DOWN_PAGE_SIZE, (current - 1) * DRILL_DOWN_PAGE_SIZE) as DrillDownRow[];
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
  db: Db,
  filename: string,
  header: readonly string[],
  filter: SqlFilter,
  extra?: SqlFilter,
): Response {
  const { where, params } = whereOf(filter, extra);
  return sqlCsvResponse(
    db,
    filename,
    header,
    `${SELECT} WHERE ${where} ORDER BY c.received_at DESC, c.id DESC`,
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
