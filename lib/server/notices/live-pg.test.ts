import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { notifications } from '@/db/tables';
import { fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { pgLooker } from './live-pg';

let t: Awaited<ReturnType<typeof openTestDb>>;
let db: Conn;
let f: Fixture;

beforeEach(async () => {
  t = await openTestDb();
  db = t.db;
  f = await seedFixture(db);
});
afterEach(() => t.cleanup());

const alert = async (userId: number, key: string, id?: number) =>
  await db.insert(notifications).values({ id, userId, kind: 'test', dedupeKey: key });

describe('the live look on PostgreSQL (through the pool)', () => {
  it('learns what exists on its first look, then tells new events and alerts once', async () => {
    const before = await fileCase(db);
    await alert(f.agent.id, 'a');
    const look = pgLooker();
    expect(await look(db)).toEqual({ caseIds: [], bellUserIds: [] });

    const filed = await fileCase(db);
    await alert(f.supervisor.id, 'b');
    const change = await look(db);
    expect(change.caseIds).toEqual([filed.id]);
    expect(change.caseIds).not.toContain(before.id);
    expect(change.bellUserIds).toEqual([f.supervisor.id]);
    expect(await look(db)).toEqual({ caseIds: [], bellUserIds: [] });
  });

  it('still tells a row whose id is below one already seen (a transaction that committed late)', async () => {
    // Ids come from a sequence when a row is inserted: one taken first can commit last. Here the
    // lower id is written after the higher one was seen, as such a commit would show it.
    await alert(f.agent.id, 'first');
    const { id: seenId } = await one(
      db
        .insert(notifications)
        .values({ userId: f.agent.id, kind: 'test', dedupeKey: 'gap' })
        .returning({ id: notifications.id }),
    );
    await db.delete(notifications).where(eq(notifications.id, seenId));
    await alert(f.agent.id, 'higher', seenId + 1);
    const look = pgLooker();
    await look(db);

    await alert(f.otherAgent.id, 'late', seenId);
    expect((await look(db)).bellUserIds).toEqual([f.otherAgent.id]);
    expect((await look(db)).bellUserIds).toEqual([]);
  });
});
