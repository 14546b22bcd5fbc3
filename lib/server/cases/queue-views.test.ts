/**
 * A queue view without filters of its own takes the fast path (issue 15): counts from the
 * maintained table and from index ranges split by scope part, the page from a query prepared once
 * per shape. A view with a filter that holds every case takes the general path, where every tab
 * is counted under the scope's OR and the page built anew. Both must answer the same, for every
 * queue, order and kind of asker, whichever parts of an agent's scope hold cases.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { cases } from '@/db/tables';
import type { CaseState } from '@/lib/domain/enums';
import {
  CASE_SORTS,
  QUEUES,
  SORT_DIRECTIONS,
  parseCaseQuery,
  type CaseQueryInput,
} from '@/lib/validation/case-query';
import { makeCtx } from '../core/context';
import {
  bogota,
  fileCase,
  insertStaff,
  seedFixture,
  type Fixture,
  type StaffMember,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { listCases } from './list-cases';

/** Friday 10:00; "por vencer" runs two business days on, to the end of Wednesday 25 March (Monday 23 is a holiday). */
const NOW = bogota('2026-03-20T10:00:00');
const DUE = [
  bogota('2026-03-02T23:59:59.999'), // overdue
  bogota('2026-03-20T09:59:59.999'), // overdue by a minute
  bogota('2026-03-20T10:00:00'), // at risk from this instant
  bogota('2026-03-25T23:59:59.999'), // the last instant at risk
  bogota('2026-03-26T00:00:00'), // later
  null, // paused or no legal term
];
const STATES: CaseState[] = ['radicada', 'en_tramite', 'requiere_informacion', 'cerrada'];

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let noTeamAgent: StaffMember;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  noTeamAgent = await insertStaff(db, {
    email: 'sin-equipo@example.co',
    role: 'agent',
    teamId: null,
  });
});
afterEach(() => cleanup());

/** Cases in the given (team, assignee) places: one per due instant and state in each. */
async function layOut(places: { teamId: number | null; assigneeId: number | null }[]) {
  for (const place of places) {
    for (const dueAt of DUE) {
      for (const state of STATES) {
        const { id } = await fileCase(db, {}, NOW);
        await db
          .update(cases)
          .set({ ...place, state, dueAt, isPaused: state === 'requiere_informacion' })
          .where(eq(cases.id, id));
      }
    }
  }
}

const view = async (actor: StaffMember, input: CaseQueryInput) =>
  await listCases(makeCtx(db, actor, NOW), { ...parseCaseQuery({}), pageSize: 10, ...input });

async function expectSameAnswers(actors: StaffMember[]) {
  // A period that holds every case: the general path, nothing filtered out.
  const everything = { from: '2000-01-01' };
  for (const actor of actors) {
    for (const queue of QUEUES) {
      for (const sort of CASE_SORTS) {
        for (const dir of SORT_DIRECTIONS) {
          for (const page of [1, 2]) {
            const input = { queue, sort, dir, page };
            const fast = await view(actor, input);
            const general = await view(actor, { ...input, ...everything });
            const what = `${actor.role} ${actor.id} ${queue} ${sort} ${dir} ${page}`;
            expect(fast.counts, what).toEqual(general.counts);
            expect(fast.rows, what).toEqual(general.rows);
          }
        }
      }
    }
  }
}

describe('queue views without filters (the fast path)', () => {
  it('answer as the general path when cases sit only in the team and the pool', async () => {
    await layOut([
      { teamId: fx.teamId, assigneeId: fx.agent.id },
      { teamId: fx.teamId, assigneeId: null },
      { teamId: null, assigneeId: null },
      { teamId: fx.otherTeamId, assigneeId: fx.otherAgent.id },
    ]);
    const counts = (await view(fx.agent, {})).counts;
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.at_risk).toBeGreaterThan(0);
    await expectSameAnswers([fx.agent, fx.otherAgent, noTeamAgent, fx.supervisor, fx.admin]);
  });

  it('answer as the general path when an agent holds cases outside their team and without one', async () => {
    await layOut([
      { teamId: fx.teamId, assigneeId: null },
      { teamId: fx.otherTeamId, assigneeId: fx.agent.id },
      { teamId: null, assigneeId: fx.agent.id },
      { teamId: null, assigneeId: noTeamAgent.id },
      { teamId: null, assigneeId: null },
    ]);
    await expectSameAnswers([fx.agent, fx.otherAgent, noTeamAgent, fx.supervisor]);
  });

  it('count the dated tabs under the scope: an agent does not count another team’s cases', async () => {
    await layOut([{ teamId: fx.otherTeamId, assigneeId: fx.otherAgent.id }]);
    expect((await view(fx.agent, {})).counts).toMatchObject({ overdue: 0, at_risk: 0 });
    // Two running states by two instants each: four overdue and four at risk.
    expect((await view(fx.otherAgent, {})).counts).toMatchObject({ overdue: 4, at_risk: 4 });
    expect((await view(fx.supervisor, {})).counts).toMatchObject({ overdue: 4, at_risk: 4 });
  });
});
