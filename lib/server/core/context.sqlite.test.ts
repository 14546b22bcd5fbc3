import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { teams } from '@/db/schema';
import { bogota } from '../testing/fixtures';
import { createTestDb } from '../testing/test-db';
import { SYSTEM_ACTOR } from './actor';
import { makeCtx, withTransaction } from './context';

/**
 * SQLite only: a process has one connection to the file, so transactions whose bodies await take
 * turns on it in arrival order (db/client.ts). On PostgreSQL each transaction has a pooled
 * connection of its own and they run side by side (context.test.ts holds what both engines share).
 */
let db: Db;
let cleanup: () => void;
const NOW = bogota('2026-03-16T10:00:00');

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
});
afterEach(() => cleanup());

it('runs bodies that await one after another, each seeing only what was committed', async () => {
  const ctx = makeCtx(db, SYSTEM_ACTOR, NOW);
  const steps: string[] = [];
  const body = (name: string) => async (tx: typeof ctx) => {
    steps.push(`${name} starts`);
    const before = (await tx.db.select({ name: teams.name }).from(teams)).length;
    await tx.db.insert(teams).values({ name });
    // A real turn of the event loop: the other request runs meanwhile, but not its body.
    await new Promise((resolve) => setImmediate(resolve));
    steps.push(`${name} ends`);
    return before;
  };
  const [a, b] = await Promise.all([
    withTransaction(ctx, body('A')),
    withTransaction(ctx, body('B')),
  ]);
  expect(steps).toEqual(['A starts', 'A ends', 'B starts', 'B ends']);
  expect(b).toBe(a + 1);
});
