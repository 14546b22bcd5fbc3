import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { OPEN_STATES } from '@/lib/domain/enums';
import { DEMO_NOW, demoOnBothEngines } from '@/lib/server/testing/both-engines';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import * as lite from '../sql/queue-counts';
import type { PgDb } from './client';
import * as pg from './queue-counts';

const OPEN = OPEN_STATES;
const DAY = 86_400_000;

describe('queue counts: the same answers on PostgreSQL as on SQLite', () => {
  let server: TestPgServer;
  let both: Awaited<ReturnType<typeof demoOnBothEngines>>;
  beforeAll(async () => {
    server = await startPgServer();
    both = await demoOnBothEngines(server);
  }, 120_000);
  afterAll(async () => {
    await both?.cleanup();
    server?.stop();
  });

  /** Every kind of asker the demo has: agents with a team, one without, a supervisor. */
  function askers(db: Db) {
    const staff = db.$client
      .prepare(`SELECT id, team_id AS teamId, role FROM staff_users ORDER BY id`)
      .all() as { id: number; teamId: number | null; role: string }[];
    const asked = staff.map((s) => ({ id: s.id, teamId: s.teamId, isAgent: s.role === 'agent' }));
    return [...asked, { id: asked[0]!.id, teamId: null, isAgent: true }];
  }

  it('counts every tab for every asker alike, and the maintained counts are not all zero', async () => {
    const { lite: l, pg: p } = both as { lite: Db; pg: PgDb };
    let total = 0;
    let dueTotal = 0;
    for (const who of askers(l)) {
      const expected = lite.maintainedQueueCounts(l, who, OPEN);
      expect([who, await pg.maintainedQueueCounts(p.$client, who, OPEN)]).toEqual([who, expected]);
      total += expected.all;
      for (const [now, limit] of [
        [DEMO_NOW.getTime(), DEMO_NOW.getTime() + 3 * DAY],
        [DEMO_NOW.getTime() - 30 * DAY, DEMO_NOW.getTime()],
        [DEMO_NOW.getTime() + 10 * DAY, DEMO_NOW.getTime() + 5 * DAY],
      ] as const) {
        const dated = lite.datedQueueCounts(l, who, now, limit);
        dueTotal += dated.overdue + dated.atRisk;
        expect([who, now, await pg.datedQueueCounts(p.$client, who, now, limit)]).toEqual([
          who,
          now,
          dated,
        ]);
      }
    }
    expect(total).toBeGreaterThan(0);
    expect(dueTotal).toBeGreaterThan(0);
  });
});
