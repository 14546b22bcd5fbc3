import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProblems, getProblem } from '@/lib/server/causes/get-problem';
import { createTestDb } from '@/lib/server/testing/test-db';
import { seedDemo } from './demo';
import { makeCtx } from '@/lib/server/core/context';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';

/** Monday 23 November 2026, 10:00 in Bogotá (as in seed.test.ts). */
const NOW = new Date('2026-11-23T15:00:00Z');

describe('demo problems', () => {
  let demo: ReturnType<typeof createTestDb>;
  beforeAll(async () => {
    demo = createTestDb();
    await seedDemo(demo.db, { now: NOW, seed: 7 });
  }, 60_000);
  afterAll(() => demo.cleanup());

  it('has one problem in progress and one resolved, both with linked complaints', async () => {
    const problems = await listProblems(makeCtx(demo.db, SYSTEM_ACTOR, NOW));
    expect(problems.map((p) => p.status).sort()).toEqual(['in_progress', 'resolved']);
    for (const p of problems) {
      expect(p.linkedCases).toBeGreaterThan(0);
      expect(p.ownerName).not.toBeNull();
      expect(p.rootCauseName).not.toBeNull();
    }
    const resolved = problems.find((p) => p.status === 'resolved')!;
    const { effect } = await getProblem(makeCtx(demo.db, SYSTEM_ACTOR, NOW), {
      problemId: resolved.id,
    });
    expect(effect.before?.complaints).toBeGreaterThan(0);
    expect(effect.after?.weeks).toBe(5);
  });
});
