import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases } from '@/db/schema';
import { seedScale } from '@/db/seed/scale';
import { makeCtx } from '@/lib/server/core/context';
import { checkSearchIndex } from '../testing/engine-sql';
import { createTestDb } from '../testing/test-db';
import { RANK_WINDOW, searchCases } from './search-cases';

/** The scale loader (db/seed/scale.ts) writes SQLite's FTS5 index in bulk: SQLite only. */
describe('the scale loader', () => {
  it('leaves a complete index and the triggers in place', async () => {
    const { db: scale, cleanup } = createTestDb();
    try {
      await seedScale(scale, { cases: 1500, now: new Date('2026-11-23T15:00:00Z') });
      const indexed = scale.get<{ n: number }>(sql`SELECT count(*) AS n FROM case_search_docsize`);
      expect(indexed?.n).toBe(1500);
      await checkSearchIndex(scale);
      const triggers = scale.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'case_search_*'`,
      );
      expect(triggers?.n).toBe(9);
      // The rebuild's larger write buffer is not left in force for everyday writes.
      const hashSize = scale.get<{ v: number }>(
        sql`SELECT v FROM case_search_config WHERE k = 'hashsize'`,
      );
      expect(hashSize?.v).toBe(1 << 20);

      const admin = { role: 'admin' as const, id: 1, teamId: null };
      const last = scale
        .select({ id: cases.id, radicado: cases.radicado, subject: cases.subject })
        .from(cases)
        .orderBy(sql`${cases.id} desc`)
        .limit(1)
        .get()!;
      const byRadicado = await searchCases(makeCtx(scale, admin), { q: last.radicado });
      expect(byRadicado.rows.map((r) => r.id)).toEqual([last.id]);
      const word = last.subject.match(/\p{L}{4,}/u)![0];
      const byWord = await searchCases(makeCtx(scale, admin), { q: word, pageSize: 50 });
      expect(byWord.total).toBeGreaterThan(0);
      expect(byWord.total).toBeLessThanOrEqual(RANK_WINDOW);
    } finally {
      cleanup();
    }
  }, 60_000);
});
