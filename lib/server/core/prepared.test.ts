import { one } from '@/db/rows';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '@/db/client';
import { teams } from '@/db/schema';
import { createTestDb } from '../testing/test-db';
import { preparedQuery } from './prepared';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

let builds = 0;
const teamName = preparedQuery((conn) => {
  builds += 1;
  return conn
    .select({ name: teams.name })
    .from(teams)
    .where(eq(teams.id, sql.placeholder('id')))
    .prepare();
});

describe('preparedQuery', () => {
  it('builds once per connection and answers each call with its own values', async () => {
    const [a, b] = db
      .insert(teams)
      .values([{ name: 'Uno' }, { name: 'Dos' }])
      .returning({ id: teams.id })
      .all();
    builds = 0;
    expect((await teamName(db).get({ id: a!.id }))?.name).toBe('Uno');
    expect((await teamName(db).get({ id: b!.id }))?.name).toBe('Dos');
    expect(await teamName(db).get({ id: -1 })).toBeUndefined();
    expect(builds).toBe(1);
  });

  it('runs inside a transaction on the same connection and sees its uncommitted writes', async () => {
    builds = 0;
    await teamName(db).get({ id: 0 });
    const seen = await inTransaction(db, async (tx) => {
      const { id } = await one(
        tx.insert(teams).values({ name: 'Tres' }).returning({ id: teams.id }),
      );
      return (await teamName(tx).get({ id }))?.name;
    });
    expect(seen).toBe('Tres');
    expect(builds).toBe(1);
  });

  it('another connection gets its own statement, over its own data', async () => {
    const other = createTestDb();
    try {
      const { id } = other.db.insert(teams).values({ name: 'Otra' }).returning().get();
      builds = 0;
      expect((await teamName(other.db).get({ id }))?.name).toBe('Otra');
      expect(await teamName(db).get({ id })).toBeUndefined();
      expect(builds).toBe(2);
    } finally {
      other.cleanup();
    }
  });
});
