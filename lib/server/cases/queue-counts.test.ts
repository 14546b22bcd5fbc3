/**
 * The maintained queue counts (triggers: SQLite's migration 0010, PostgreSQL's 0002) against
 * counting the cases themselves:
 * after filings, assignments, team moves, state changes and deletes, the table equals a GROUP BY of
 * `cases`, and the tabs read from it equal the tabs counted under a filter that matches every case.
 */
import { count, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { cases, queueCounts } from '@/db/tables';
import { CASE_STATES } from '@/lib/domain/enums';
import { parseCaseQuery, type CaseQueryInput } from '@/lib/validation/case-query';
import { makeCtx } from '../core/context';
import { fileCase, seedFixture, type Fixture, type StaffMember } from '../testing/fixtures';
import { deleteIgnoringForeignKeys } from '../testing/engine-sql';
import { openTestDb } from '../testing/test-db';
import { listCases } from './list-cases';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const NOW = new Date('2026-03-20T15:00:00Z');

async function kept() {
  return (
    await db
      .select()
      .from(queueCounts)
      .where(sql`${queueCounts.n} <> 0`)
  ).sort((a, b) =>
    `${a.teamId}.${a.assigneeId}.${a.state}`.localeCompare(
      `${b.teamId}.${b.assigneeId}.${b.state}`,
    ),
  );
}

async function counted() {
  const teamId = sql<number>`coalesce(${cases.teamId}, 0)`.mapWith(Number);
  const assigneeId = sql<number>`coalesce(${cases.assigneeId}, 0)`.mapWith(Number);
  const rows = await db
    .select({ teamId, assigneeId, state: cases.state, n: count() })
    .from(cases)
    .groupBy(teamId, assigneeId, cases.state);
  return rows.sort((a, b) =>
    `${a.teamId}.${a.assigneeId}.${a.state}`.localeCompare(
      `${b.teamId}.${b.assigneeId}.${b.state}`,
    ),
  );
}

const counts = async (actor: StaffMember, input: CaseQueryInput = {}) =>
  (await listCases(makeCtx(db, actor, NOW), { ...parseCaseQuery({}), ...input })).counts;

describe('queue counts kept by triggers', () => {
  it('follow every change to team, assignee and state, and deletes', async () => {
    const staff = [fx.agent.id, fx.otherAgent.id, fx.supervisor.id, null];
    const teams = [fx.teamId, fx.otherTeamId, null];
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push((await fileCase(db, {}, NOW)).id);
    let seed = 17;
    const pick = <T>(list: readonly T[]) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return list[seed % list.length]!;
    };
    for (let step = 0; step < 300; step++) {
      const id = pick(ids);
      await db
        .update(cases)
        .set({ teamId: pick(teams), assigneeId: pick(staff), state: pick(CASE_STATES) })
        .where(eq(cases.id, id));
      if (step % 7 === 0)
        await db
          .update(cases)
          .set({ subject: `otro ${step}` })
          .where(eq(cases.id, id));
    }
    // A delete (no verb deletes cases; a restore or a cleanup might): the rows that point at the
    // cases are left to the foreign keys' owner, switched off here for the test.
    await deleteIgnoringForeignKeys(db, 'cases', ids.slice(0, 5));
    expect(await kept()).toEqual(await counted());
  });

  it('give every tab the same number as counting the cases, for agents and supervisors', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push((await fileCase(db, {}, NOW)).id);
    const layout = [
      { teamId: fx.teamId, assigneeId: fx.agent.id, state: 'en_tramite' },
      { teamId: fx.teamId, assigneeId: null, state: 'radicada' },
      { teamId: null, assigneeId: null, state: 'radicada' },
      { teamId: fx.otherTeamId, assigneeId: fx.otherAgent.id, state: 'requiere_informacion' },
      { teamId: fx.teamId, assigneeId: fx.agent.id, state: 'requiere_informacion' },
      { teamId: fx.teamId, assigneeId: fx.agent.id, state: 'cerrada' },
    ] as const;
    for (const [i, id] of ids.entries())
      await db
        .update(cases)
        .set(layout[i % layout.length]!)
        .where(eq(cases.id, id));
    for (const actor of [fx.agent, fx.otherAgent, fx.supervisor, fx.admin]) {
      const fast = await counts(actor);
      // A period that holds every case takes the counting path.
      const slow = await counts(actor, { from: '2000-01-01' });
      expect(fast, `${actor.role} ${actor.id}`).toEqual(slow);
    }
    expect((await counts(fx.agent)).all).toBeGreaterThan(0);
  });
});
