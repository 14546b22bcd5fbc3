import type { DrillDownRow, SqlWhere } from '../sql/drill-down';
import { epochMs, numbered, type Queryable } from './client';

/**
 * The drill-down's statements (db/sql/drill-down.ts) on PostgreSQL, with SQLite's row shape:
 * instants as Unix milliseconds, "answered on time" as 1 and 0, counts as numbers. The filter is
 * the one every supervisor view builds (lib/server/supervision/filters.ts): `?` placeholders,
 * numbered here, with its instants bound as ISO text (`instantParam`).
 */

const SELECT = `
  SELECT c.id, c.radicado, c.type_code AS "typeCode", c.channel, c.state, c.subject,
         ${epochMs('c.received_at')} AS "receivedAt", c.due_date AS "dueDate",
         ${epochMs('c.first_answered_at')} AS "firstAnsweredAt",
         c.answered_on_time::int AS "answeredOnTime",
         c.answer_business_days AS "answerBusinessDays", c.reopen_count AS "reopenCount",
         c.repeat_contact_count AS "repeatContactCount", s.name AS "assigneeName",
         t.name AS "teamName", p.name AS "processName", rc.name AS "rootCauseName"
  FROM cases c
  LEFT JOIN staff_users s ON s.id = c.assignee_id
  LEFT JOIN teams t ON t.id = c.team_id
  LEFT JOIN processes p ON p.id = c.process_id
  LEFT JOIN root_causes rc ON rc.id = c.root_cause_id`;

/** How many cases match `where` on `cases c`. */
export async function countDrillDown(db: Queryable, { where, params }: SqlWhere): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    numbered(`SELECT count(*) AS n FROM cases c WHERE ${where}`),
    [...params],
  );
  return rows[0]?.n ?? 0;
}

/** One page of the matching cases, newest first. */
export async function drillDownPage(
  db: Queryable,
  { where, params }: SqlWhere,
  limit: number,
  offset: number,
): Promise<DrillDownRow[]> {
  const { rows } = await db.query<DrillDownRow>(
    numbered(`${SELECT} WHERE ${where} ORDER BY c.received_at DESC, c.id DESC LIMIT ? OFFSET ?`),
    [...params, limit, offset],
  );
  return rows;
}
