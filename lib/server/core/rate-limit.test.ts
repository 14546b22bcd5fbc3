import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { first } from '@/db/rows';
import { rateLimits } from '@/db/tables';
import { openAnotherConnection, openTestDb } from '../testing/test-db';
import { consumeLimit, type LimitSpec } from './rate-limit';

const SPEC: LimitSpec = { name: 'test-batched', points: 60, durationSeconds: 60, batch: 25 };
const START = new Date('2026-11-23T15:00:00Z');

let db: Conn;
let cleanup: () => Promise<void>;
const others: (() => Promise<void>)[] = [];

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
  ({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
  for (const close of others.splice(0)) await close();
  await cleanup();
  vi.useRealTimers();
});

/** Another process on the same database: a connection of its own, leases of its own. */
async function anotherProcess(): Promise<Conn> {
  const other = await openAnotherConnection(db);
  others.push(other.close);
  return other.db;
}

async function allowed(conn: Conn, attempts: number, key = 'k1'): Promise<number> {
  let n = 0;
  for (let i = 0; i < attempts; i++) if (!(await consumeLimit(conn, SPEC, key)).isLimited) n++;
  return n;
}

/** What the shared counter holds for a key. */
const counted = async (key = 'k1') =>
  (
    await first(
      db
        .select({ points: rateLimits.points })
        .from(rateLimits)
        .where(eq(rateLimits.key, `${SPEC.name}:${key}`)),
    )
  )?.points ?? 0;

describe('a batched limit', () => {
  it('allows exactly its points per window, writing the counter once per batch', async () => {
    expect(await allowed(db, 1)).toBe(1);
    expect(await counted()).toBe(25);
    expect(await allowed(db, 24)).toBe(24);
    expect(await counted()).toBe(25);
    expect(await allowed(db, 1)).toBe(1);
    expect(await counted()).toBe(50);
    expect(await allowed(db, 40)).toBe(34);
    const refused = await consumeLimit(db, SPEC, 'k1');
    expect(refused).toEqual({ isLimited: true, retryAfterSeconds: 60 });
    // Refusals cost no write: the counter says the window is spent.
    expect(await counted()).toBe(75);
    // Another key has its own points.
    expect(await allowed(db, 60, 'k2')).toBe(60);
  });

  it('holds across processes sharing the database: never more than its points in all', async () => {
    const other = await anotherProcess();
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
    const restarted = await anotherProcess();
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
