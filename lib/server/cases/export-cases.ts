import 'server-only';
import type { Ctx } from '../core/context';
import { sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Conn } from '@/db/client';
import type { CaseQuery } from '@/lib/validation/case-query';
import { isStaff, type Actor } from '../core/actor';
import { casesAsC } from './case-access';
import { AppError } from '../core/errors';
import { queueWhere } from './list-cases';
import { getOrganization, loadCalendar } from '../core/organization';
import { drillDownCsv, type DrillDownCsvText } from '../supervision/drill-down';
import type { SqlFilter } from '../supervision/filters';

const dialect = new SQLiteSyncDialect();

/**
 * The queue view's WHERE (queue, the actor's scope, the view's filters) as raw SQL on `cases c`,
 * values bound as parameters: exactly the cases the queue pages through.
 */
export async function queueSqlFilter(
  query: CaseQuery,
  actor: Extract<Actor, { id: number }>,
  options: { db: Conn; now: Date },
): Promise<SqlFilter> {
  const cal = await loadCalendar(options.db, await getOrganization(options.db));
  const where = queueWhere(query, actor, options.now, cal, casesAsC) ?? sql`true`;
  const rendered = dialect.sqlToQuery(where);
  const params = rendered.params.map((p) => {
    if (typeof p === 'string' || typeof p === 'number') return p;
    throw new TypeError(`unexpected parameter ${typeof p} in a queue filter`);
  });
  return { where: rendered.sql, params };
}

/**
 * Every case of a filtered queue view as a streamed CSV (the drill-down's columns), not just the
 * page on screen. Same scope as the queue: an agent exports what their queues already show them
 * (their own cases, their team's, the unrouted pool) and nothing else; supervisors and admins see
 * all. Streamed on its own read-only connection, so a million rows keep memory flat.
 */
export async function exportCases(
  ctx: Ctx<Actor>,
  query: CaseQuery,
  file: { text: DrillDownCsvText; filename: string },
): Promise<Response> {
  const { db, actor, now } = ctx;
  if (!isStaff(actor)) throw new AppError('FORBIDDEN', 'exports are for staff');
  const filter = await queueSqlFilter(query, actor, { db, now });
  return drillDownCsv(db, file.filename, file.text, filter);
}
