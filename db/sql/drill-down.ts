import type { CaseState, CaseType, Channel } from '@/lib/domain/enums';
import type { Conn } from '../client';
import { readAll, readBatch } from '../read-pool';

/** A WHERE clause and its bound values (see lib/server/supervision/filters.ts). */
export interface SqlWhere {
  where: string;
  params: readonly (string | number)[];
}

/**
 * The cases behind a figure ("late but well treated", "Facturación complaints", "overdue for
 * Ana" …), one list and one CSV for every supervisor view.
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

const SELECT = `
  SELECT c.id, c.radicado, c.type_code AS typeCode, c.channel, c.state, c.subject,
         c.received_at AS receivedAt, c.due_date AS dueDate,
         c.first_answered_at AS firstAnsweredAt, c.answered_on_time AS answeredOnTime,
         c.answer_business_days AS answerBusinessDays, c.reopen_count AS reopenCount,
         c.repeat_contact_count AS repeatContactCount, s.name AS assigneeName, t.name AS teamName,
         p.name AS processName, rc.name AS rootCauseName
  FROM cases c
  LEFT JOIN staff_users s ON s.id = c.assignee_id
  LEFT JOIN teams t ON t.id = c.team_id
  LEFT JOIN processes p ON p.id = c.process_id
  LEFT JOIN root_causes rc ON rc.id = c.root_cause_id`;

/** How many cases match `where` on `cases c` (in the read pool, db/read-pool.ts). */
export async function countDrillDown(conn: Conn, { where, params }: SqlWhere): Promise<number> {
  const [row] = await readAll<{ n: number }>(
    conn,
    `SELECT count(*) AS n FROM cases c WHERE ${where}`,
    params,
  );
  return row?.n ?? 0;
}

/** One page of the matching cases, newest first (in the read pool). */
export async function drillDownPage(
  conn: Conn,
  { where, params }: SqlWhere,
  limit: number,
  offset: number,
): Promise<DrillDownRow[]> {
  const [rows] = await readBatch(conn, [
    {
      sql: `${SELECT} WHERE ${where} ORDER BY c.received_at DESC, c.id DESC LIMIT ? OFFSET ?`,
      params: [...params, limit, offset],
    },
  ]);
  return rows as DrillDownRow[];
}

/** Every matching case, newest first: the text for a streamed export (core/csv sqlCsvResponse). */
export function drillDownExportSql(where: string): string {
  return `${SELECT} WHERE ${where} ORDER BY c.received_at DESC, c.id DESC`;
}
