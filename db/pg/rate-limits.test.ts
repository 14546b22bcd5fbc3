import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import { closePg, openPg, type PgDb } from './client';
import { pgLimiter, takePoints } from './rate-limits';

describe('rate limits shared by the instances on one PostgreSQL', () => {
  let server: TestPgServer;
  let instances: PgDb[];
  beforeAll(async () => {
    server = await startPgServer();
    const url = await server.createDatabase();
    instances = [await openPg(url)];
    for (let i = 0; i < 3; i += 1) instances.push(await openPg(url, { migrate: false }));
  }, 60_000);
  afterAll(async () => {
    await Promise.all((instances ?? []).map(closePg));
    server?.stop();
  });

  it('counts one key across instances: the sixth attempt is refused wherever it lands', async () => {
    const spec = { name: 'signin-email', points: 5, durationSeconds: 900 };
    const attempt = (i: number) =>
      pgLimiter(instances[i % 4]!, spec)
        .consume('ana@example.test')
        .then(
          () => 'ok',
          (res: unknown) => (res instanceof RateLimiterRes ? 'limited' : String(res)),
        );
    const outcomes = [];
    for (let i = 0; i < 6; i += 1) outcomes.push(await attempt(i));
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'limited']);
    // Another key is its own.
    await expect(
      pgLimiter(instances[2]!, spec).consume('otra@example.test'),
    ).resolves.toBeDefined();
  });

  it('hands out each point of a batched limit once while 4 instances take at the same moment', async () => {
    const spec = { name: 'api-key', points: 1000, durationSeconds: 60 };
    const now = Date.parse('2026-11-02T15:00:00Z');
    const taken = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        takePoints(instances[i % 4]!.$client, spec, 'k1', 10, now),
      ),
    );
    const befores = taken.map((t) => t.before).sort((a, b) => a - b);
    expect(befores).toEqual(Array.from({ length: 100 }, (_, i) => i * 10));
    expect(new Set(taken.map((t) => t.expiresAt))).toEqual(new Set([now + 60_000]));
    // Once its window has passed, the counter starts again.
    const later = await takePoints(instances[0]!.$client, spec, 'k1', 10, now + 61_000);
    expect(later).toEqual({ before: 0, expiresAt: now + 121_000 });
  });
});
