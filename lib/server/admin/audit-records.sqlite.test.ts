/**
 * The audit history's SQLite query plans: each filter reads its index and gets its order from it.
 * SQLite's only (EXPLAIN QUERY PLAN); the history's answers are checked on both engines in
 * audit-records.test.ts.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sqliteOf, type Conn } from '@/db/client';
import { answerCase, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { auditLogSql } from './audit-log';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

it('uses the indexes for case, actor and action filters', async () => {
  await fileCase(db, {}, new Date('2026-03-10T15:00:00Z'));
  const b = await fileCase(db, { subject: 'Entrega tardía' }, new Date('2026-04-14T15:00:00Z'));
  await answerCase(db, b.id, fx.agent, new Date('2026-04-15T15:00:00Z'));
  const plan = async (q: Parameters<typeof auditLogSql>[1]) => {
    const { sql, params } = await auditLogSql(db, q);
    return (
      sqliteOf(db)
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
  };
  expect(await plan({ radicado: (await fileCase(db)).radicado })).toMatch(/case_events_case_idx/);
  expect(await plan({ actor: fx.agent.id })).toMatch(/case_events_actor_idx/);
  expect(await plan({ action: 'radicar' })).toMatch(/case_events_action_idx/);
  // The index delivers the order: no sort of every matching event.
  expect(await plan({ actor: fx.agent.id })).not.toMatch(/TEMP B-TREE/);
  expect(await plan({ action: 'radicar', from: '2026-03-01' })).not.toMatch(/TEMP B-TREE/);
});
