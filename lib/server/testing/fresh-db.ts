import { afterEach, beforeEach } from 'vitest';
import type { Db } from '@/db/client';
import { seedFixture, type Fixture } from './fixtures';
import { createTestDb } from './test-db';

/**
 * The usual set-up, registered once per test file: before each test a fresh database seeded with
 * the fixture (and whatever `then` adds), removed after it. Read `.db` and `.fx` inside tests.
 */
export function freshDbPerTest(then?: (db: Db, fx: Fixture) => unknown): {
  readonly db: Db;
  readonly fx: Fixture;
} {
  let current: { db: Db; fx: Fixture; cleanup: () => void } | null = null;
  beforeEach(async () => {
    const { db, cleanup } = createTestDb();
    current = { db, fx: await seedFixture(db), cleanup };
    await then?.(db, current.fx);
  });
  afterEach(() => {
    current?.cleanup();
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
