/**
 * Routing's cost at intake (issue 14): files cases on a fresh database without routing, then with
 * 200 rules none of which matches (every rule is tried before the default team), and reports the
 * median filing time of each and their difference. Exits 1 when routing adds 2 ms or more.
 *   npm run bench:routing
 */
import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import { createCase } from '@/lib/server/cases/create-case';
import { saveRoutingRules } from '@/lib/server/routing/save-routing-rules';
import { seedFixture, validFiling } from '@/lib/server/testing/fixtures';
import { createTestDb } from '@/lib/server/testing/test-db';

const RULES = 200;
const RUNS = 400;
const WARM_UP = 50;
const TARGET_MS = 2;

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const { db, cleanup } = createTestDb();
try {
  const fx = await seedFixture(db);
  let n = 0;
  const fileOne = async () => {
    n += 1;
    const started = performance.now();
    await createCase(
      makeCtx(db, SYSTEM_ACTOR),
      validFiling({
        customer: {
          documentType: 'CC',
          documentNumber: `9${String(n).padStart(8, '0')}`,
          fullName: 'Persona de prueba',
          email: `p${n}@example.co`,
        },
      }),
    );
    return performance.now() - started;
  };
  const measure = async () => {
    for (let i = 0; i < WARM_UP; i += 1) await fileOne();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) times.push(await fileOne());
    return median(times);
  };

  const without = await measure();
  await saveRoutingRules(makeCtx(db, fx.admin), {
    defaultTeamId: fx.teamId,
    rules: Array.from({ length: RULES }, (_, i) => ({
      name: `Regla ${i + 1}`,
      typeCode: i % 2 === 0 ? 'Q' : undefined,
      channel: i % 3 === 0 ? 'email' : undefined,
      keywords: [`palabra${i}`, `otra palabra ${i}`, `termino${i}`],
      teamId: fx.otherTeamId,
    })),
  });
  const withRules = await measure();
  const added = withRules - without;
  const result = {
    rules: RULES,
    runs: RUNS,
    medianWithoutMs: Number(without.toFixed(3)),
    medianWithRulesMs: Number(withRules.toFixed(3)),
    addedMs: Number(added.toFixed(3)),
    targetMs: TARGET_MS,
  };
  console.log(
    `routing: filing median ${result.medianWithoutMs} ms without rules, ${result.medianWithRulesMs} ms with ${RULES} (added ${result.addedMs} ms, target < ${TARGET_MS} ms)`,
  );
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync(path.join('bench-results', 'routing.json'), JSON.stringify(result, null, 2));
  if (added >= TARGET_MS) process.exitCode = 1;
} finally {
  cleanup();
}
