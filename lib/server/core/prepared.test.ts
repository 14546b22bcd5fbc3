import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, type Conn } from '@/db/client';
import { isPg } from '@/db/pg/transactions';
import { one } from '@/db/rows';
import { teams } from '@/db/tables';
import { openTestDb } from '../testing/test-db';
import { preparedQuery } from './prepared';

let db: Conn;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await openTestDb()));
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
    const [a, b] = await db
      .insert(teams)
      .values([{ name: 'Uno' }, { name: 'Dos' }])
      .returning({ id: teams.id });
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
    // SQLite's one connection reuses its statement; PostgreSQL builds it again on the
    // transaction's own connection (under the same name, so that connection parses it once).
    expect(builds).toBe(isPg(db) ? 2 : 1);
  });

  it('another connection gets its own statement, over its own data', async () => {
    const other = await openTestDb();
    try {
      const { id } = await one(other.db.insert(teams).values({ name: 'Otra' }).returning());
      builds = 0;
      expect((await teamName(other.db).get({ id }))?.name).toBe('Otra');
      expect(await teamName(db).get({ id })).toBeUndefined();
      expect(builds).toBe(2);
    } finally {
      await other.cleanup();
    }
  });
});
