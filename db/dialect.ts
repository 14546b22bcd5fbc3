import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { engineInUse } from './engine';

/**
 * The few SQL spellings the use cases need that differ between the engines (issue 18), chosen by
 * the engine this process runs on (db/engine.ts). Anything larger lives in db/sql (SQLite) and
 * db/pg (PostgreSQL).
 */

/** An instant as a prepared query's placeholder value: epoch ms on SQLite, ISO text on PostgreSQL. */
export function instantParam(at: Date): number | string {
  return engineInUse() === 'postgres' ? at.toISOString() : at.getTime();
}

/**
 * `column` is one of the ids in a placeholder holding them as a JSON array (`JSON.stringify`).
 * On PostgreSQL the list is made an array once (an init plan) and compared with `= ANY`, which an
 * index answers even beside an OR; `IN (SELECT …)` is a semi-join that, ORed with another
 * condition, scanned all of `cases` (0.4–0.8 s per filing's repeat-contact look at a million).
 */
export function inJsonIds(column: SQLWrapper, placeholder: string): SQL {
  const ids = sql.placeholder(placeholder);
  return engineInUse() === 'postgres'
    ? sql`${column} = ANY(ARRAY(SELECT value::bigint FROM json_array_elements_text(${ids}::json)))`
    : sql`${column} IN (SELECT value FROM json_each(${ids}))`;
}

/** The text of one top-level field of a JSON column (an event's data). */
export function jsonText(column: SQLWrapper, field: string): SQL {
  if (!/^[a-zA-Z]+$/.test(field)) throw new Error(`jsonText: odd field name ${field}`);
  return engineInUse() === 'postgres'
    ? sql`(${column} ->> ${sql.raw(`'${field}'`)})`
    : sql`json_extract(${column}, ${sql.raw(`'$.${field}'`)})`;
}
