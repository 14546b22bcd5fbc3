import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/**
 * Maintenance of the full-text index (`case_search`, FTS5) for bulk loads: the scale seed drops its
 * triggers, loads, then rebuilds it in one pass. Searching itself is lib/server/cases/search-cases.ts.
 */

/** FTS5's in-memory buffer before it writes a segment: its default, and the one for a rebuild. */
const HASH_SIZE = { normal: 1 << 20, rebuild: 64 << 20 } as const;

/** FTS5 takes the size only as an SQL integer, and a bound JS number arrives as a real. */
function setHashSize(db: Db, bytes: number): void {
  const value = sql.raw(String(Math.trunc(bytes)));
  db.run(sql`INSERT INTO case_search (case_search, rank) VALUES ('hashsize', ${value})`);
}

/**
 * Re-reads every case into the index and merges it into one segment (prefix queries over one
 * segment take about half the time). For bulk loads that ran without the triggers
 * (suspendSearchTriggers), and as the repair if the index is ever in doubt
 * (`INSERT INTO case_search (case_search, rank) VALUES ('integrity-check', 1)` tells).
 */
export function rebuildSearchIndex(db: Db): void {
  // Fewer, larger segments to merge afterwards: a third faster at a million cases.
  setHashSize(db, HASH_SIZE.rebuild);
  try {
    db.run(sql`INSERT INTO case_search (case_search) VALUES ('rebuild')`);
  } finally {
    setHashSize(db, HASH_SIZE.normal);
  }
  db.run(sql`INSERT INTO case_search (case_search) VALUES ('optimize')`);
}

/**
 * Drops the index's triggers for a bulk load and returns what puts them back, from their own SQL
 * (idempotent: call it in a `finally`). Loading with them would re-index a case on each of its
 * events; the index is stale until rebuildSearchIndex runs.
 */
export function suspendSearchTriggers(db: Db): () => void {
  const triggers = db.all<{ name: string; sql: string }>(
    sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'case_search_*'`,
  );
  for (const trigger of triggers) db.run(sql.raw(`DROP TRIGGER "${trigger.name}"`));
  let isRestored = false;
  return () => {
    if (isRestored) return;
    isRestored = true;
    for (const trigger of triggers) db.run(sql.raw(trigger.sql));
  };
}

/** The highest case id (0 with none): where a bulk load's new cases will start. */
export function maxCaseId(db: Db): number {
  return db.get<{ n: number | null }>(sql`SELECT max(id) AS n FROM cases`)?.n ?? 0;
}

/**
 * Indexes the cases from `fromId` on, after a bulk load that ran without the triggers (the bulk
 * import, lib/server/intake/import-cases.ts): what the insert trigger would have done row by row,
 * in one statement, without re-reading the million cases already indexed as a rebuild would.
 */
export function indexCasesFrom(db: Db, fromId: number): void {
  db.run(sql`INSERT INTO case_search (rowid, radicado, subject, description, customer_name, document_number, messages)
    SELECT case_id, radicado, subject, description, customer_name, document_number, messages
    FROM case_search_source WHERE case_id >= ${fromId}`);
}
