/**
 * The deadline board's SQLite statements read through indexes (SQLite's query plan, which only
 * SQLite has; board.test.ts checks the figures on both engines).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { parseBoardQuery } from '@/lib/validation/board';
import { createTestDb } from '../testing/test-db';
import { boardSql } from './board';

let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
});
afterEach(() => cleanup());

it.each([{}, { teamId: 1 }, { agentId: 2 }, { teamId: 1, agentId: 2 }])(
  'reads cases and promises through indexes, never a table scan (%j)',
  (filter) => {
    const query = { ...parseBoardQuery({}), ...filter };
    const params = { now: 1, endOfToday: 2, atRiskUntil: 3, teamId: 1, agentId: 2 };
    for (const sql of Object.values(boardSql(query))) {
      const plan = db.$client
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ ...params, pageSize: 50, offset: 0 }) as { detail: string }[];
      const reads = plan.map((r) => r.detail).filter((d) => / (c|p) /.test(`${d} `));
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads)
        expect(read).toMatch(/^SEARCH (c|p) USING (INDEX|INTEGER PRIMARY KEY)/);
    }
  },
);
