import 'server-only';
import { getTableColumns, is, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { sqliteOf, type Conn } from '@/db/client';
import { statementName } from '@/db/pg/client';
import { isPg } from '@/db/pg/transactions';

/**
 * A drizzle query built and prepared once per connection, then run with its placeholder values
 * (issue 15): building a query's SQL and preparing its statement cost drizzle more than SQLite
 * takes to run most of them (~0.1 ms against a few µs); the staff case page ran ~30 per request,
 * a filing a dozen. `build` writes the query with `sql.placeholder('name')` for what changes per
 * call and ends in `.prepare()`. The statement runs on the connection's one handle, inside
 * whatever transaction is open on it, so a transaction's body may use it like any query.
 *
 *   const byId = preparedQuery((db) =>
 *     db.select().from(cases).where(eq(cases.id, sql.placeholder('id'))).prepare(),
 *   );
 *   byId(db).get({ id });
 *
 * On PostgreSQL a query is built once per pool, or for each use inside a transaction (it runs on
 * the transaction's connection), answers `get`, `all` and `run` as SQLite's does, and is a named
 * statement: each pooled connection parses and plans it once, then only binds and runs it. (A pool
 * in front of PostgreSQL must keep a session per client for that: PgBouncer's session mode.)
 */
export function preparedQuery<Q>(build: (db: Conn) => Q): (db: Conn) => Q {
  const built = new WeakMap<object, Q>();
  return (db) => {
    if (isPg(db) && is(db, PgTransaction)) return onPostgres(build(db));
    const key = isPg(db) ? db : sqliteOf(db);
    let query = built.get(key);
    if (!query) built.set(key, (query = isPg(db) ? onPostgres(build(db)) : build(db)));
    return query;
  };
}

/**
 * A PostgreSQL prepared query with the methods SQLite's has: its first row, its rows, its run;
 * named after its text, so a connection that has seen the text reuses its parsed statement.
 */
function onPostgres<Q>(query: Q): Q {
  const configs = query as unknown as {
    rawQueryConfig: { name?: string; text: string };
    queryConfig: { name?: string };
  };
  const name = statementName(configs.rawQueryConfig.text);
  configs.rawQueryConfig.name = name;
  configs.queryConfig.name = name;
  const { execute } = query as unknown as { execute(values?: object): Promise<unknown> };
  const run = (values?: object) => execute.call(query, values);
  return {
    get: async (values?: object) => ((await run(values)) as unknown[])[0],
    all: run,
    run,
  } as unknown as Q;
}

/**
 * `{ column: placeholder }` for each column an insert sets: the values come at run time, already in
 * the driver's form (`driverValues`). Wrapped as SQL so drizzle binds them as given: its own
 * encoding of a placeholder would turn a null instant or flag into an error.
 */
export function placeholders<K extends string>(columns: readonly K[]): Record<K, SQL> {
  return Object.fromEntries(columns.map((c) => [c, sql`${sql.placeholder(c)}`])) as Record<K, SQL>;
}

/** A row's values as the driver stores them (instants as epoch ms, flags as 0/1, JSON as text). */
export function driverValues<T extends Table>(
  table: T,
  values: Partial<Record<keyof T['_']['columns'], unknown>>,
): Record<string, unknown> {
  const columns = getTableColumns(table) as Record<string, Column>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const column = columns[key];
    if (!column) throw new Error(`driverValues: no column ${key}`);
    out[key] = value === null || value === undefined ? null : column.mapToDriverValue(value);
  }
  return out;
}

/**
 * `preparedQuery` for a query whose text has a few shapes (a queue, an order, a kind of asker):
 * one built per connection and shape, `keyOf` naming the shape. The shapes must be a small fixed
 * set, as every one is kept; their values go in placeholders.
 */
export function preparedQueries<A extends unknown[], Q>(
  keyOf: (...args: A) => string,
  build: (db: Conn, ...args: A) => Q,
): (db: Conn, ...args: A) => Q {
  const built = new WeakMap<object, Map<string, Q>>();
  return (db, ...args) => {
    if (isPg(db) && is(db, PgTransaction)) return onPostgres(build(db, ...args));
    const client = isPg(db) ? db : sqliteOf(db);
    let byShape = built.get(client);
    if (!byShape) built.set(client, (byShape = new Map()));
    const key = keyOf(...args);
    let query = byShape.get(key);
    if (!query)
      byShape.set(key, (query = isPg(db) ? onPostgres(build(db, ...args)) : build(db, ...args)));
    return query;
  };
}
