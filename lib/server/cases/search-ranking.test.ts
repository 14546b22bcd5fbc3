/**
 * How search ranks and bounds its answer (issue 15 §2): the newest RANK_WINDOW matches, strong
 * columns first, then the description, then the messages, newest first among ties; long prefixes
 * found as words arrive. On both engines; that FTS5's vocabulary holds every word of its index is
 * SQLite's own mechanism (search-ranking.sqlite.test.ts).
 */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { engineInUse } from '@/db/engine';
import type { PgDb } from '@/db/pg/client';
import { first } from '@/db/rows';
import { seedScale } from '@/db/seed/scale';
import { caseEvents, cases, customers, staffUsers } from '@/db/tables';
import { makeCtx } from '@/lib/server/core/context';
import { copyInstallation } from '../admin/db-copy';
import type { Actor } from '../core/actor';
import { createTestDb, openTestDb } from '../testing/test-db';
import { customerActor, FILED_AT, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { applyCaseAction } from './apply-case-action';
import { caseScopeFilter } from './case-access';
import { RANK_WINDOW, searchCases } from './search-cases';

let db: Conn;
let cleanup: () => Promise<void>;
let f: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  f = await seedFixture(db);
});
afterEach(() => cleanup());

const ids = async (q: string, actor: Actor = f.supervisor) =>
  (await searchCases(makeCtx(db, actor), { q, pageSize: 50 })).rows.map((r) => r.id);

async function addNote(caseId: number, body: string) {
  const ctx = makeCtx(db, f.agent, FILED_AT);
  const row = await first(
    db.select({ assigneeId: cases.assigneeId }).from(cases).where(eq(cases.id, caseId)),
  );
  if (row?.assigneeId !== f.agent.id) await applyCaseAction(ctx, { caseId, action: 'take' });
  await applyCaseAction(ctx, { caseId, action: 'note', body });
}

/**
 * `cases` cases of the scale seed (db/seed/scale.ts, which writes a SQLite file) on the engine
 * under test: on PostgreSQL moved into a fresh test database with db:copy's checked copy.
 */
async function scaleInstallation(
  count: number,
): Promise<{ db: Conn; cleanup: () => Promise<void> }> {
  const lite = createTestDb();
  await seedScale(lite.db, { cases: count, now: new Date('2026-11-23T15:00:00Z') });
  if (engineInUse() === 'sqlite') return { db: lite.db, cleanup: async () => lite.cleanup() };
  try {
    const target = await openTestDb();
    const report = await copyInstallation(lite.db, target.db as unknown as PgDb, {
      from: { uploads: '', branding: '' },
    });
    if (!report.committed) throw new Error('the scale data did not copy');
    return target;
  } finally {
    lite.cleanup();
  }
}

/** Text as both indexes read it: lower case, no accents, cut into words at anything else. */
const wordsOf = (text: string | null) =>
  (text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);

/**
 * Which cases in `scope` have a word starting with `prefix`, read from the texts themselves (not
 * from either index), by where: the strong columns (radicado, subject, petitioner's name and
 * document), outside the messages (those and the description), anywhere (the messages too).
 */
async function casesWithPrefix(
  conn: Conn,
  prefix: string,
  scope: ReturnType<typeof caseScopeFilter>,
) {
  const has = (...texts: (string | null)[]) =>
    texts.some((t) => wordsOf(t).some((w) => w.startsWith(prefix)));
  const rows = await conn
    .select({
      id: cases.id,
      radicado: cases.radicado,
      subject: cases.subject,
      description: cases.description,
      name: customers.fullName,
      document: customers.documentNumber,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .where(scope);
  const messages = new Map<number, string[]>();
  for (const e of await conn
    .select({ caseId: caseEvents.caseId, body: caseEvents.body })
    .from(caseEvents)
    .where(sql`${caseEvents.body} IS NOT NULL`)) {
    if (e.caseId !== null) messages.set(e.caseId, [...(messages.get(e.caseId) ?? []), e.body!]);
  }
  const strong = new Set<number>();
  const notOnlyMessages = new Set<number>();
  const any: number[] = [];
  for (const r of rows) {
    if (has(r.radicado, r.subject, r.name, r.document)) strong.add(r.id);
    if (strong.has(r.id) || has(r.description)) notOnlyMessages.add(r.id);
    if (notOnlyMessages.has(r.id) || has(...(messages.get(r.id) ?? []))) any.push(r.id);
  }
  return { newest: any.sort((a, b) => b - a), strong, notOnlyMessages };
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

    await db
      .update(cases)
      .set({ subject: 'Reparación de andén pendiente' })
      .where(eq(cases.id, first.id));
    expect(await ids('reparaci')).toEqual([first.id]);
    // The old words match nothing.
    expect(await ids('contramedidor')).toEqual([]);
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
    const { db: scale, cleanup: dropScale } = await scaleInstallation(3000);
    try {
      // A stem of words found in the subjects of some cases and only in the messages of others,
      // longer than SQLite's indexed prefixes: it is named word by word there.
      const word = 'solici';
      const agent = (await first(
        scale
          .select({ id: staffUsers.id, teamId: staffUsers.teamId })
          .from(staffUsers)
          .where(sql`${staffUsers.role} = 'agent' AND ${staffUsers.teamId} IS NOT NULL`)
          .orderBy(
            sql`(SELECT count(*) FROM cases c WHERE c.team_id = ${staffUsers.teamId}) DESC`,
            staffUsers.id,
          ),
      ))!;
      const admin = { role: 'admin' as const, id: 1, teamId: null };
      for (const actor of [admin, { role: 'agent' as const, ...agent }]) {
        const expected = await casesWithPrefix(scale, word, caseScopeFilter(actor));
        expect(expected.newest.length).toBeGreaterThan(RANK_WINDOW);

        const seen: number[] = [];
        for (let page = 1; page <= RANK_WINDOW / 50; page++) {
          const result = await searchCases(makeCtx(scale, actor), { q: word, page, pageSize: 50 });
          expect([result.total, result.isTotalCapped]).toEqual([RANK_WINDOW, true]);
          seen.push(...result.rows.map((r) => r.id));
        }
        expect([...seen].sort((a, b) => b - a)).toEqual(expected.newest.slice(0, RANK_WINDOW));

        // Ranked: strong columns, then outside the messages, then the rest; newest first in each.
        const tiers = seen.map((id) =>
          expected.strong.has(id) ? 0 : expected.notOnlyMessages.has(id) ? 1 : 2,
        );
        expect(new Set(tiers).size).toBeGreaterThan(1);
        const ranked = seen
          .map((id, i) => ({ id, tier: tiers[i]! }))
          .sort((a, b) => a.tier - b.tier || b.id - a.id)
          .map((r) => r.id);
        expect(seen).toEqual(ranked);
      }
    } finally {
      await dropScale();
    }
  }, 60_000);
});
