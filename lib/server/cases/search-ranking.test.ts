/**
 * How search ranks and bounds its answer (issue 15 §2): the newest RANK_WINDOW matches, strong
 * columns first, then the description, then the messages, newest first among ties; long prefixes
 * named from the index's vocabulary, which must hold every word of the index.
 */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { cases, staffUsers } from '@/db/schema';
import { seedScale } from '@/db/seed/scale';
import { makeCtx } from '@/lib/server/core/context';
import type { Actor } from '../core/actor';
import { createTestDb } from '../testing/test-db';
import { customerActor, FILED_AT, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { applyCaseAction } from './apply-case-action';
import { caseScopeFilter } from './case-access';
import { RANK_WINDOW, searchCases } from './search-cases';

let t: ReturnType<typeof createTestDb>;
let db: Db;
let f: Fixture;
beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  f = await seedFixture(db);
});
afterEach(() => t.cleanup());

const ids = async (q: string, actor: Actor = f.supervisor) =>
  (await searchCases(makeCtx(db, actor), { q, pageSize: 50 })).rows.map((r) => r.id);

async function addNote(caseId: number, body: string) {
  const ctx = makeCtx(db, f.agent, FILED_AT);
  const row = db.select({ assigneeId: cases.assigneeId }).from(cases).where(eq(cases.id, caseId));
  if (row.get()?.assigneeId !== f.agent.id) await applyCaseAction(ctx, { caseId, action: 'take' });
  await applyCaseAction(ctx, { caseId, action: 'note', body });
}

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

describe('ranking', () => {
  it('puts the radicado, subject and name first, then the description, then the messages; newest first among ties', async () => {
    const old = await fileCase(db, { subject: 'Humedad en la pared del medidor' });
    const inDescription = await fileCase(db, {
      subject: 'Revisión del predio',
      description: 'Hay humedad junto a la acometida desde hace un mes.',
    });
    const inMessages = await fileCase(db, { subject: 'Revisión de la acometida' });
    await addNote(inMessages.id, 'El técnico encontró humedad detrás del contador.');
    const inName = await fileCase(db, {
      subject: 'Lectura estimada',
      customer: {
        documentType: 'CC',
        documentNumber: '71000222',
        fullName: 'Rosa Humedades',
        email: 'rosa@example.co',
      },
    });
    const newest = await fileCase(db, { subject: 'Otra vez humedad en la pared' });
    expect(await ids('humedad')).toEqual([
      newest.id,
      inName.id,
      old.id,
      inDescription.id,
      inMessages.id,
    ]);
  });

  it('ranks by where every word is: one word in the subject and one in a note is a message match', async () => {
    const split = await fileCase(db, {
      subject: 'Poste inclinado',
      description: 'El poste de la esquina se ve torcido desde la tormenta.',
    });
    await addNote(split.id, 'Riesgo de caída sobre la vía.');
    const together = await fileCase(db, {
      subject: 'Revisión pendiente',
      description: 'Un poste con riesgo de caída.',
    });
    expect(await ids('poste riesgo')).toEqual([together.id, split.id]);
  });
});

describe('long prefixes', () => {
  it('finds every word a prefix starts, as new words arrive by filing, note, rename or edit', async () => {
    const first = await fileCase(db, { subject: 'Contramedidor instalado sin permiso' });
    expect(await ids('contramed')).toEqual([first.id]);

    const noted = await fileCase(db, { subject: 'Revisión de la acometida' });
    await addNote(noted.id, 'Se verificó la contramedición del predio vecino.');
    expect(await ids('contramed')).toEqual([first.id, noted.id]);

    const customer = {
      documentType: 'CC' as const,
      documentNumber: '43555666',
      email: 'luz@example.co',
    };
    const before = await fileCase(db, { customer: { ...customer, fullName: 'Luz Mery Ortiz' } });
    expect(await ids('castañe')).toEqual([]);
    const after = await fileCase(db, {
      customer: { ...customer, fullName: 'Luz Mery Ortiz Castañeda' },
    });
    expect(await ids('castañe')).toEqual([after.id, before.id]);

    db.update(cases)
      .set({ subject: 'Reparación de andén pendiente' })
      .where(eq(cases.id, first.id))
      .run();
    expect(await ids('reparaci')).toEqual([first.id]);
    // The old words stay in the vocabulary and match nothing.
    expect(await ids('contramedidor')).toEqual([]);
    expect(wordsMissingFromVocabulary(db)).toEqual([]);
    // It keeps words, not text: a dump of every table reads nothing from it (and does not fail).
    expect(db.all(sql`SELECT * FROM case_search_terms`)).toEqual([]);
  });

  it('answers nothing, quickly and without error, for a prefix no word starts with', async () => {
    await fileCase(db);
    expect(await searchCases(makeCtx(db, f.supervisor), { q: 'cobro zzyzxq' })).toMatchObject({
      total: 0,
      rows: [],
      isTotalCapped: false,
    });
  });

  it('still finds a prefix that starts more words than it names', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `tuber${String(i).padStart(2, '0')}x`);
    const many = await fileCase(db, { subject: 'Tuberías', description: words.join(' ') });
    const one = await fileCase(db, { subject: 'Rotura de tubería en la calle' });
    expect(await ids('tuber')).toEqual([one.id, many.id]);
    expect(await ids('tuber3')).toEqual([many.id]);
  });

  it('is for staff: a petitioner cannot list the words of the index through search', async () => {
    const filed = await fileCase(db);
    await expect(
      searchCases(makeCtx(db, customerActor(filed.id)), { q: 'factura' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the window at scale', () => {
  it('ranks the newest RANK_WINDOW matches the asker may see and says there are more', async () => {
    const { db: scale, cleanup } = createTestDb();
    try {
      await seedScale(scale, { cases: 3000, now: new Date('2026-11-23T15:00:00Z') });
      expect(wordsMissingFromVocabulary(scale)).toEqual([]);
      // A stem of words found in the subjects of some cases and only in the messages of others,
      // longer than the indexed prefixes: it is named word by word.
      const word = 'solici';
      const agent = scale
        .select({ id: staffUsers.id, teamId: staffUsers.teamId })
        .from(staffUsers)
        .where(sql`${staffUsers.role} = 'agent' AND ${staffUsers.teamId} IS NOT NULL`)
        .orderBy(sql`(SELECT count(*) FROM cases c WHERE c.team_id = ${staffUsers.teamId}) DESC`)
        .limit(1)
        .get()!;
      const admin = { role: 'admin' as const, id: 1, teamId: null };
      for (const actor of [admin, { role: 'agent' as const, ...agent }]) {
        const scope = caseScopeFilter(actor) ?? sql`1`;
        const newest = scale
          .all<{ id: number }>(
            sql`SELECT case_search.rowid AS id FROM case_search JOIN cases ON cases.id = case_search.rowid
                WHERE case_search MATCH ${`"${word}"*`} AND ${scope} ORDER BY id DESC`,
          )
          .map((r) => r.id);
        expect(newest.length).toBeGreaterThan(RANK_WINDOW);

        const seen: number[] = [];
        for (let page = 1; page <= RANK_WINDOW / 50; page++) {
          const result = await searchCases(makeCtx(scale, actor), { q: word, page, pageSize: 50 });
          expect([result.total, result.isTotalCapped]).toEqual([RANK_WINDOW, true]);
          seen.push(...result.rows.map((r) => r.id));
        }
        expect([...seen].sort((a, b) => b - a)).toEqual(newest.slice(0, RANK_WINDOW));

        // Ranked: strong columns, then outside the messages, then the rest; newest first in each.
        const within = (columns: string) =>
          new Set(
            scale
              .all<{ id: number }>(
                sql`SELECT rowid AS id FROM case_search WHERE case_search MATCH ${`${columns} : "${word}"*`}`,
              )
              .map((r) => r.id),
          );
        const strong = within('{radicado subject customer_name document_number}');
        const notOnlyMessages = within('- {messages}');
        const tiers = seen.map((id) => (strong.has(id) ? 0 : notOnlyMessages.has(id) ? 1 : 2));
        expect(new Set(tiers).size).toBeGreaterThan(1);
        const expected = seen
          .map((id, i) => ({ id, tier: tiers[i]! }))
          .sort((a, b) => a.tier - b.tier || b.id - a.id)
          .map((r) => r.id);
        expect(seen).toEqual(expected);
      }
    } finally {
      cleanup();
    }
  }, 60_000);
});
