import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { caseEvents, cases, consents, teams } from '@/db/tables';
import { parseCaseQuery } from '@/lib/validation/case-query';
import { verifyAuditChain } from '../admin/audit-verify';
import { applyCaseAction } from '../cases/apply-case-action';
import { createCase } from '../cases/create-case';
import { getCaseWithTimeline } from '../cases/get-case';
import { listCases } from '../cases/list-cases';
import { bogota, fileCase, seedFixture, validFiling, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { SYSTEM_ACTOR } from './actor';
import { makeCtx, withTransaction } from './context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
const NOW = bogota('2026-03-16T10:00:00');

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const total = async (table: typeof cases | typeof caseEvents | typeof consents) =>
  (await one(db.select({ n: count() }).from(table))).n;

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
            async (list) => {
              for (const row of list.rows) {
                const { n: filed } = await one(
                  db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, row.id)),
                );
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
    expect(await total(cases)).toBe(30);
    expect(await total(consents)).toBe(30);
    expect(await db.select().from(caseEvents).where(eq(caseEvents.action, 'radicar'))).toHaveLength(
      30,
    );
    expect(await db.select().from(caseEvents).where(eq(caseEvents.action, 'note'))).toHaveLength(
      25,
    );
    // Radicados are unique and gap-free, versions count every note, the audit chain never forked.
    const numbers = (await db.select({ radicado: cases.radicado }).from(cases))
      .map((c) => Number(c.radicado.slice(-6)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const versions = await Promise.all(
      seeded.map((c) => one(db.select().from(cases).where(eq(cases.id, c.id)))),
    );
    expect(versions.reduce((sum, c) => sum + c.version - 1, 0)).toBe(25);
    const chain = await verifyAuditChain(makeCtx(db, fx.admin, NOW));
    expect(chain).toMatchObject({ intact: true, events: 55 });
  });
});

describe('withTransaction', () => {
  const teamNames = async () =>
    (await db.select({ name: teams.name }).from(teams)).map((t) => t.name);

  it('commits the body whole, or nothing of it when it throws', async () => {
    const ctx = makeCtx(db, SYSTEM_ACTOR, NOW);
    await withTransaction(ctx, async (tx) => await tx.db.insert(teams).values({ name: 'Uno' }));
    await expect(
      withTransaction(ctx, async (tx) => {
        await tx.db.insert(teams).values({ name: 'Dos' });
        throw new Error('after the first write');
      }),
    ).rejects.toThrow('after the first write');
    expect(await teamNames()).toContain('Uno');
    expect(await teamNames()).not.toContain('Dos');
  });

  it('nests as a savepoint: an inner failure undoes only the inner writes', async () => {
    const ctx = makeCtx(db, SYSTEM_ACTOR, NOW);
    await withTransaction(ctx, async (outer) => {
      await outer.db.insert(teams).values({ name: 'Fuera' });
      expect(outer.inTransaction).toBe(true);
      await expect(
        withTransaction(outer, async (inner) => {
          expect(inner.inTransaction).toBe(true);
          await inner.db.insert(teams).values({ name: 'Dentro' });
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await withTransaction(
        outer,
        async (inner) => await inner.db.insert(teams).values({ name: 'Anidado' }),
      );
    });
    expect(await teamNames()).toEqual(expect.arrayContaining(['Fuera', 'Anidado']));
    expect(await teamNames()).not.toContain('Dentro');
  });

  it("joins the open transaction when a body calls a verb with its caller's context", async () => {
    const ctx = makeCtx(db, SYSTEM_ACTOR, NOW);
    // The inner call passes `ctx`, not the transaction's context: it must not wait for itself.
    await expect(
      withTransaction(ctx, async (tx) => {
        await tx.db.insert(teams).values({ name: 'Exterior' });
        await withTransaction(
          ctx,
          async (again) => await again.db.insert(teams).values({ name: 'Interior' }),
        );
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await teamNames()).not.toContain('Exterior');
    expect(await teamNames()).not.toContain('Interior');
  });

  it('gives code a body left running its own turn once that body has ended', async () => {
    const ctx = makeCtx(db, SYSTEM_ACTOR, NOW);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let later: Promise<unknown> = Promise.resolve();
    await withTransaction(ctx, () => {
      // Started inside the body, it writes after the body ended, while another transaction is open.
      later = held.then(() =>
        withTransaction(ctx, async (tx) => await tx.db.insert(teams).values({ name: 'Después' })),
      );
    });
    const other = withTransaction(ctx, async (tx) => {
      release();
      await new Promise((resolve) => setImmediate(resolve));
      await tx.db.insert(teams).values({ name: 'Otra' });
      throw new Error('the other fails');
    });
    await expect(other).rejects.toThrow('the other fails');
    await later;
    expect(await teamNames()).toContain('Después');
    expect(await teamNames()).not.toContain('Otra');
  });
});
