import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDb, type Db } from '@/db/client';
import { createTestDb } from '../testing/test-db';
import { consumeLimit, type LimitSpec } from './rate-limit';

const SPEC: LimitSpec = { name: 'test-batched', points: 60, durationSeconds: 60, batch: 25 };
const START = new Date('2026-11-23T15:00:00Z');

let db: Db;
let file: string;
let cleanup: () => void;
const others: Db[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
  ({ db, file, cleanup } = createTestDb());
});
afterEach(() => {
  for (const other of others.splice(0)) closeDatabase(other);
  cleanup();
  vi.useRealTimers();
});

/** Another process on the same database file: a connection of its own, leases of its own. */
function anotherProcess(): Db {
  const other = openDb(file, { migrate: false });
  others.push(other);
  return other;
}

async function allowed(conn: Db, attempts: number, key = 'k1'): Promise<number> {
  let n = 0;
  for (let i = 0; i < attempts; i++) if (!(await consumeLimit(conn, SPEC, key)).isLimited) n++;
  return n;
}

/** What the shared counter holds for a key. */
const counted = (key = 'k1') =>
  (
    db.$client
      .prepare('SELECT points FROM rate_limits WHERE key = ?')
      .get(`${SPEC.name}:${key}`) as { points: number } | undefined
  )?.points ?? 0;

describe('a batched limit', () => {
  it('allows exactly its points per window, writing the counter once per batch', async () => {
    expect(await allowed(db, 1)).toBe(1);
    expect(counted()).toBe(25);
    expect(await allowed(db, 24)).toBe(24);
    expect(counted()).toBe(25);
    expect(await allowed(db, 1)).toBe(1);
    expect(counted()).toBe(50);
    expect(await allowed(db, 40)).toBe(34);
    const refused = await consumeLimit(db, SPEC, 'k1');
    expect(refused).toEqual({ isLimited: true, retryAfterSeconds: 60 });
    // Refusals cost no write: the counter says the window is spent.
    expect(counted()).toBe(75);
    // Another key has its own points.
    expect(await allowed(db, 60, 'k2')).toBe(60);
  });

  it('holds across processes sharing the database: never more than its points in all', async () => {
    const other = anotherProcess();
    let total = 0;
    for (let i = 0; i < 100; i++) {
      total += await allowed(i % 2 === 0 ? db : other, 1);
    }
    expect(total).toBeLessThanOrEqual(SPEC.points);
    expect(total).toBeGreaterThanOrEqual(SPEC.points - 2 * (SPEC.batch! - 1));
  });

  it('holds across a restart: a new process continues from the shared count', async () => {
    expect(await allowed(db, 30)).toBe(30);
    // The process stops holding 20 points it took; they are lost for this window only.
    const restarted = anotherProcess();
    expect(await allowed(restarted, 60)).toBe(SPEC.points - 50);
  });

  it('gives a new window its points once the last one ends, and says when', async () => {
    expect(await allowed(db, 60)).toBe(60);
    vi.setSystemTime(new Date(START.getTime() + 45_000));
    expect(await consumeLimit(db, SPEC, 'k1')).toEqual({ isLimited: true, retryAfterSeconds: 15 });
    vi.setSystemTime(new Date(START.getTime() + 60_000));
    expect(await allowed(db, 60)).toBe(60);
    expect(await allowed(db, 1)).toBe(0);
  });
});
