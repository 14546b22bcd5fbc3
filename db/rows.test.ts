import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import { createTestDb } from '@/lib/server/testing/test-db';
import { closePg, openPg, type PgDb } from './pg/client';
import * as pgSchema from './pg/schema';
import { changesOf, first, one } from './rows';
import * as liteSchema from './schema';

/**
 * The statement forms both engines run: the same calls on a real SQLite file and a real
 * PostgreSQL give the same rows and counts.
 */
describe('first, one and changesOf on both engines', () => {
  let server: TestPgServer;
  let pgDb: PgDb;
  const lite = createTestDb();
  beforeAll(async () => {
    server = await startPgServer();
    pgDb = await openPg(await server.createDatabase());
  }, 60_000);
  afterAll(async () => {
    if (pgDb) await closePg(pgDb);
    server?.stop();
    lite.cleanup();
  });

  const engines = () =>
    [
      ['SQLite', lite.db, liteSchema.teams],
      ['PostgreSQL', pgDb, pgSchema.teams],
    ] as const;

  it('reads the first row, nothing for no row, and one() refuses an empty answer', async () => {
    for (const [name, db, teams] of engines()) {
      const q = db as unknown as typeof lite.db;
      const t = teams as typeof liteSchema.teams;
      const made = await one(
        q
          .insert(t)
          .values({ name: `Equipo A ${name}` })
          .returning({ id: t.id }),
      );
      await q.insert(t).values({ name: `Equipo B ${name}` });
      const row = await first(q.select({ name: t.name }).from(t).orderBy(asc(t.name)));
      expect([name, row?.name]).toEqual([name, `Equipo A ${name}`]);
      expect(await first(q.select().from(t).where(eq(t.id, -1)))).toBeUndefined();
      await expect(one(q.select().from(t).where(eq(t.id, -1)))).rejects.toThrow(/no row/);
      expect(made.id).toBeGreaterThan(0);
    }
  });

  it('a select gives first() one row only, as .get() read it', async () => {
    // The second row cannot be read: reading it would fail the statement.
    const lastRowFails = sql`case when ${liteSchema.teams.name} like 'Equipo B%' then abs(-9223372036854775808) else 0 end`;
    const t = liteSchema.teams;
    const query = () =>
      lite.db.select({ name: t.name, x: lastRowFails }).from(t).orderBy(asc(t.name));
    expect(() => query().all()).toThrow(/overflow/);
    expect((await first(query()))?.name).toBe('Equipo A SQLite');
  });

  it('counts the rows a write changed on each engine', async () => {
    for (const [name, db, teams] of engines()) {
      const q = db as unknown as typeof lite.db;
      const t = teams as typeof liteSchema.teams;
      const renamed = await q
        .update(t)
        .set({ name: sql`${t.name} || ' bis'` })
        .where(sql`${t.name} like ${'Equipo%'}`);
      expect([name, changesOf(renamed)]).toEqual([name, 2]);
      const none = await q.delete(t).where(eq(t.id, -1));
      expect([name, changesOf(none)]).toEqual([name, 0]);
    }
  });
});
