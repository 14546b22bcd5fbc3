import { afterEach, beforeEach } from 'vitest';
import type { Conn } from '@/db/client';
import { seedFixture, type Fixture } from './fixtures';
import { openTestDb } from './test-db';

/**
 * The usual set-up, registered once per test file: before each test a fresh database seeded with
 * the fixture (and whatever `then` adds), removed after it. Read `.db` and `.fx` inside tests.
 */
export function freshDbPerTest(then?: (db: Conn, fx: Fixture) => unknown): {
  readonly db: Conn;
  readonly fx: Fixture;
} {
  let current: { db: Conn; fx: Fixture; cleanup: () => Promise<void> } | null = null;
  beforeEach(async () => {
    const { db, cleanup } = await openTestDb();
    current = { db, fx: await seedFixture(db), cleanup };
    await then?.(db, current.fx);
  });
  afterEach(async () => {
    await current?.cleanup();
    current = null;
  });
  const opened = () => {
    if (!current) throw new Error('freshDbPerTest: read it inside a test');
    return current;
  };
  return {
    get db() {
      return opened().db;
    },
    get fx() {
      return opened().fx;
    },
  };
}
