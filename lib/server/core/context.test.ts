import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { caseEvents, cases, consents, teams } from '@/db/schema';
import { parseCaseQuery } from '@/lib/validation/case-query';
import { verifyAuditChain } from '../admin/audit-verify';
import { applyCaseAction } from '../cases/apply-case-action';
import { createCase } from '../cases/create-case';
import { getCaseWithTimeline } from '../cases/get-case';
import { listCases } from '../cases/list-cases';
import { bogota, fileCase, seedFixture, validFiling, type Fixture } from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';
import { SYSTEM_ACTOR } from './actor';
import { makeCtx, transactionSync, withTransaction } from './context';

let db: Db;
let cleanup: () => void;
let fx: Fixture;
const NOW = bogota('2026-03-16T10:00:00');

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  fx = seedFixture(db);
});
afterEach(() => cleanup());

const total = (table: typeof cases | typeof caseEvents | typeof consents) =>
  db.select({ n: count() }).from(table).get()!.n;

describe('verbs on one shared connection, all at once', () => {
  it('50 writing and 50 reading verbs: every write whole, none lost, no deadlock', async () => {
    const seeded = await Promise.all([0, 1, 2, 3, 4].map(() => fileCase(db, {}, NOW)));
    const filings = Array.from({ length: 25 }, (_, i) =>
      createCase(
        makeCtx(db, SYSTEM_ACTOR, NOW),
        validFiling({ customer: { ...validFiling().customer!, documentNumber: `90${i}` } }),
      ),
    );
    const notes = Array.from({ length: 25 }, (_, i) =>
      applyCaseAction(makeCtx(db, fx.supervisor, NOW), {
        caseId: seeded[i % seeded.length]!.id,
        action: 'note',
        body: `Nota ${i}`,
      }),
    );
    // Reads interleaved with the writes: each sees whole cases (a case and its filing event).
    const reads = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? getCaseWithTimeline(makeCtx(db, fx.supervisor, NOW), {
            caseId: seeded[i % seeded.length]!.id,
          }).then((view) => {
            expect(view.events[0]?.action).toBe('radicar');
            return view.events.length;
          })
        : listCases(makeCtx(db, fx.supervisor, NOW), parseCaseQuery({ queue: 'all' })).then(
            (list) => {
              for (const row of list.rows) {
                const filed = db
                  .select({ n: count() })
                  .from(caseEvents)
                  .where(eq(caseEvents.caseId, row.id))
                  .get()!.n;
                expect(filed).toBeGreaterThan(0);
              }
              return list.total;
            },
          ),
    );

    const settled = await Promise.race([
      Promise.allSettled([...filings, ...notes, ...reads]),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('deadlock')), 20_000)),
    ]);
    expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);

    // No write lost: 30 cases with their consent, 30 filing events and 25 notes.
    expect(total(cases)).toBe(30);
    expect(total(consents)).toBe(30);
    expect(db.select().from(caseEvents).where(eq(caseEvents.action, 'radicar')).all()).toHaveLength(
      30,
    );
    expect(db.select().from(caseEvents).where(eq(caseEvents.action, 'note')).all()).toHaveLength(
      25,
    );
    // Radicados are unique and gap-free, versions count every note, the audit chain never forked.
    const numbers = db
      .select({ radicado: cases.radicado })
      .from(cases)
      .all()
      .map((c) => Number(c.radicado.slice(-6)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const versions = seeded.map((c) => db.select().from(cases).where(eq(cases.id, c.id)).get()!);
    expect(versions.reduce((sum, c) => sum + c.version - 1, 0)).toBe(25);
    const chain = await verifyAuditChain(makeCtx(db, fx.admin, NOW));
    expect(chain).toMatchObject({ intact: true, events: 55 });
  });
});

describe('withTransaction', () => {
  const teamNames = () =>
    db
      .select({ name: teams.name })
      .from(teams)
      .all()
      .map((t) => t.name);

  it('commits the body whole, or nothing of it when it throws', async () => {
    const ctx = makeCtx(db, SYSTEM_ACTOR, NOW);
    await withTransaction(ctx, (tx) => tx.db.insert(teams).values({ name: 'Uno' }).run());
    await expect(
      withTransaction(ctx, (tx) => {
        tx.db.insert(teams).values({ name: 'Dos' }).run();
        throw new Error('after the first write');
      }),
    ).rejects.toThrow('after the first write');
    expect(teamNames()).toContain('Uno');
    expect(teamNames()).not.toContain('Dos');
  });

  it('nests as a savepoint: an inner failure undoes only the inner writes', async () => {
    const ctx = makeCtx(db, SYSTEM_ACTOR, NOW);
    await withTransaction(ctx, (outer) => {
      outer.db.insert(teams).values({ name: 'Fuera' }).run();
      expect(outer.inTransaction).toBe(true);
      expect(() =>
        transactionSync(outer, (inner) => {
          expect(inner.inTransaction).toBe(true);
          inner.db.insert(teams).values({ name: 'Dentro' }).run();
          throw new Error('inner');
        }),
      ).toThrow('inner');
      transactionSync(outer, (inner) => inner.db.insert(teams).values({ name: 'Anidado' }).run());
    });
    expect(teamNames()).toEqual(expect.arrayContaining(['Fuera', 'Anidado']));
    expect(teamNames()).not.toContain('Dentro');
  });

  it('refuses a body that returns a promise (a transaction cannot span an await)', async () => {
    const ctx = makeCtx(db, SYSTEM_ACTOR, NOW);
    // @ts-expect-error the type refuses an async body; at run time better-sqlite3 refuses it too.
    await expect(withTransaction(ctx, async () => 1)).rejects.toThrow(/promise/i);
  });
});
