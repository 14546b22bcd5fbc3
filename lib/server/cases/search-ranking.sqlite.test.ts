/**
 * SQLite's own part of search's long prefixes (search-ranking.test.ts holds what a user sees, on
 * both engines): a prefix longer than FTS5's indexed ones is named word by word from the index's
 * vocabulary table `case_search_terms` (db/migrations/0014), so that table must hold every word of
 * the index, whether it came by filing, note, rename, edit or bulk load. PostgreSQL has no such
 * table: its tsvector answers a prefix itself.
 */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { cases } from '@/db/schema';
import { seedScale } from '@/db/seed/scale';
import { makeCtx } from '@/lib/server/core/context';
import { createTestDb } from '../testing/test-db';
import { FILED_AT, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { applyCaseAction } from './apply-case-action';

let t: ReturnType<typeof createTestDb>;
let db: Db;
let f: Fixture;
beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  f = await seedFixture(db);
});
afterEach(() => t.cleanup());

/** Words of the index missing from its vocabulary: search would not find their cases. */
function wordsMissingFromVocabulary(conn: Db): string[] {
  conn.run(
    sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_index USING fts5vocab(main, case_search, row)`,
  );
  conn.run(
    sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_terms USING fts5vocab(main, case_search_terms, row)`,
  );
  return conn
    .all<{ term: string }>(
      sql`SELECT term FROM temp.v_index EXCEPT SELECT term FROM temp.v_terms ORDER BY 1`,
    )
    .map((r) => r.term);
}

describe("the index's vocabulary", () => {
  it('holds every word of the index as words arrive by filing, note, rename or edit, and keeps no text', async () => {
    const first = await fileCase(db, { subject: 'Contramedidor instalado sin permiso' });
    const noted = await fileCase(db, { subject: 'Revisión de la acometida' });
    const ctx = makeCtx(db, f.agent, FILED_AT);
    await applyCaseAction(ctx, { caseId: noted.id, action: 'take' });
    await applyCaseAction(ctx, {
      caseId: noted.id,
      action: 'note',
      body: 'Se verificó la contramedición del predio vecino.',
    });
    const customer = { documentType: 'CC' as const, documentNumber: '43555666', email: 'l@x.co' };
    await fileCase(db, { customer: { ...customer, fullName: 'Luz Mery Ortiz' } });
    await fileCase(db, { customer: { ...customer, fullName: 'Luz Mery Ortiz Castañeda' } });
    await db
      .update(cases)
      .set({ subject: 'Reparación de andén pendiente' })
      .where(eq(cases.id, first.id));
    expect(wordsMissingFromVocabulary(db)).toEqual([]);
    // It keeps words, not text: a dump of every table reads nothing from it (and does not fail).
    expect(db.all(sql`SELECT * FROM case_search_terms`)).toEqual([]);
  });

  it('holds every word of a bulk load (the scale seed)', async () => {
    const { db: scale, cleanup } = createTestDb();
    try {
      await seedScale(scale, { cases: 3000, now: new Date('2026-11-23T15:00:00Z') });
      expect(wordsMissingFromVocabulary(scale)).toEqual([]);
    } finally {
      cleanup();
    }
  }, 60_000);
});
