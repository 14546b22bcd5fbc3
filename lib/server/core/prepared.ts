import 'server-only';
import type { Conn } from '@/db/client';

/**
 * A drizzle query built and prepared once per connection, then run with its placeholder values
 * (issue 15 §1). Building a query's SQL and preparing its statement cost more than running most
 * of the page's reads (~0.1 ms each against a few µs): the staff case page ran ~30 of them per
 * request. `build` writes the query with `sql.placeholder('name')` for what changes per call and
 * ends in `.prepare()`; the statement belongs to the connection, so it also runs inside a
 * transaction opened on it (drizzle's transaction handle shares the database's session).
 *
 *   const byId = preparedQuery((db) =>
 *     db.select().from(cases).where(eq(cases.id, sql.placeholder('id'))).prepare(),
 *   );
 *   byId(db).get({ id });
 */
export function preparedQuery<Q>(build: (db: Conn) => Q): (db: Conn) => Q {
  const bySession = new WeakMap<object, Q>();
  return (db) => {
    const session = sessionOf(db);
    let query = bySession.get(session);
    if (query === undefined) {
      query = build(db);
      bySession.set(session, query);
    }
    return query;
  };
}

/** The connection's drizzle session: the same object for the database and its transactions. */
function sessionOf(db: Conn): object {
  return (db as unknown as { session?: object }).session ?? db;
}
