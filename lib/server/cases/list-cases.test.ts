import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { cases, promises } from '@/db/tables';
import { parseCaseQuery, type CaseQuery, type CaseQueryInput } from '@/lib/validation/case-query';
import type { CaseFilingInput } from '@/lib/validation/case-filing';
import { atRiskLimit, caseListJson, listCases } from './list-cases';
import { loadCalendar } from '../core/organization';
import {
  bogota,
  captureAppError,
  customerActor,
  fileCase,
  insertStaff,
  seedFixture,
  type Fixture,
  type StaffMember,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

const endOf = (day: string) => bogota(`${day}T23:59:59.999`);
/** Friday 10:00; Monday 23 March 2026 is a holiday (San José), so Tuesday is the next business day. */
const NOW = bogota('2026-03-20T10:00:00');

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

/** A filed Reclamo, then the columns a queue looks at set directly. */
async function makeCase(
  values: Partial<typeof cases.$inferInsert> = {},
  filing: Partial<CaseFilingInput> = {},
): Promise<number> {
  const { id } = await fileCase(db, filing);
  if (Object.keys(values).length > 0) await db.update(cases).set(values).where(eq(cases.id, id));
  return id;
}

const query = (input: CaseQueryInput = {}): CaseQuery => ({ ...parseCaseQuery({}), ...input });
const list = async (actor: StaffMember, input: CaseQueryInput = {}, now = NOW) =>
  await listCases(makeCtx(db, actor, now), query(input));
const idsOf = async (actor: StaffMember, input: CaseQueryInput = {}, now = NOW) =>
  (await list(actor, { pageSize: 100, ...input }, now)).rows.map((r) => r.id);
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('queue membership', () => {
  it('mine, team, unassigned, waiting and all hold what their names say, within scope', async () => {
    const colleague = await insertStaff(db, {
      email: 'colega@example.co',
      role: 'agent',
      teamId: fx.teamId,
    });
    const mine = { assigneeId: fx.agent.id, teamId: fx.teamId };
    const a = await makeCase({ ...mine, state: 'radicada' });
    const b = await makeCase({ ...mine, state: 'en_tramite' });
    const c = await makeCase({
      ...mine,
      state: 'requiere_informacion',
      dueAt: null,
      isPaused: true,
    });
    const d = await makeCase({ ...mine, state: 'respondida' });
    const e = await makeCase({ ...mine, state: 'cerrada' });
    const f = await makeCase({ assigneeId: colleague.id, teamId: fx.teamId, state: 'en_tramite' });
    const g = await makeCase({ teamId: fx.teamId, state: 'en_tramite' });
    const h = await makeCase(); // the unrouted pool: no team, no assignee
    const i = await makeCase({ teamId: fx.otherTeamId });
    const j = await makeCase({
      assigneeId: fx.otherAgent.id,
      teamId: fx.otherTeamId,
      state: 'trasladada',
    });

    const agent = async (queue: CaseQuery['queue']) => sorted(await idsOf(fx.agent, { queue }));
    expect(await agent('mine')).toEqual([a, b, c]);
    expect(await agent('team')).toEqual([a, b, c, f, g]);
    expect(await agent('unassigned')).toEqual([g, h]);
    expect(await agent('waiting')).toEqual([c]);
    expect(await agent('all')).toEqual([a, b, c, d, e, f, g, h]);

    const supervisor = async (queue: CaseQuery['queue']) =>
      sorted(await idsOf(fx.supervisor, { queue }));
    expect(await supervisor('mine')).toEqual([]);
    expect(await supervisor('team')).toEqual([a, b, c, f, g]);
    expect(await supervisor('unassigned')).toEqual([g, h, i]);
    expect(await supervisor('all')).toEqual([a, b, c, d, e, f, g, h, i, j]);
    expect(await idsOf(fx.admin, { queue: 'team' })).toEqual([]); // an admin without a team
  });

  it('por vencer reaches the end of the 2nd business day, skipping the Monday holiday', async () => {
    expect(atRiskLimit(NOW, await loadCalendar(db))).toEqual(endOf('2026-03-25'));
    const running = async (dueAt: Date | null, state: 'radicada' | 'en_tramite' = 'en_tramite') =>
      await makeCase({ state, dueAt });
    const today = await running(endOf('2026-03-20'));
    const tuesday = await running(endOf('2026-03-24'), 'radicada');
    const wednesday = await running(endOf('2026-03-25'));
    const thursday = await running(endOf('2026-03-26'));
    const dueNow = await running(NOW);
    const anHourAgo = await running(bogota('2026-03-20T09:00:00'));
    const yesterday = await running(endOf('2026-03-19'), 'radicada');
    await makeCase({ state: 'respondida', dueAt: endOf('2026-03-19') }); // answered: no clock
    await makeCase({ state: 'requiere_informacion', dueAt: null, isPaused: true });

    const atRisk = sorted(await idsOf(fx.supervisor, { queue: 'at_risk' }));
    expect(atRisk).toEqual([today, tuesday, wednesday, dueNow]);
    expect(sorted(await idsOf(fx.supervisor, { queue: 'overdue' }))).toEqual([
      anHourAgo,
      yesterday,
    ]);

    const rows = new Map((await list(fx.supervisor, { queue: 'all' })).rows.map((r) => [r.id, r]));
    expect(rows.get(wednesday)?.deadline).toEqual({ status: 'at_risk', businessDaysLeft: 2 });
    expect(rows.get(thursday)?.deadline).toEqual({ status: 'on_track', businessDaysLeft: 3 });
    expect(rows.get(yesterday)?.deadline).toEqual({ status: 'overdue', businessDaysLeft: -1 });
    // On Tuesday the window runs to Thursday.
    const tuesdayNow = bogota('2026-03-24T10:00:00');
    expect(await idsOf(fx.supervisor, { queue: 'at_risk' }, tuesdayNow)).toContain(thursday);
  });

  it('scopes agents to their team, their own cases and the pool; supervisors see all', async () => {
    const ours = await makeCase({ teamId: fx.teamId });
    const theirs = await makeCase({ teamId: fx.otherTeamId });
    const lentToMe = await makeCase({ teamId: fx.otherTeamId, assigneeId: fx.agent.id });
    const pool = await makeCase();
    expect(sorted(await idsOf(fx.agent, { queue: 'all' }))).toEqual([ours, lentToMe, pool]);
    expect(sorted(await idsOf(fx.otherAgent, { queue: 'all' }))).toEqual([theirs, lentToMe, pool]);
    expect((await list(fx.supervisor, { queue: 'all' })).total).toBe(4);
    expect((await list(fx.agent, { queue: 'all' })).counts.unassigned).toBe(2);
    const error = await captureAppError(
      async () => await listCases(makeCtx(db, customerActor(ours), NOW), query()),
    );
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('filters, sort and pages', () => {
  it('applies each filter, and ANDs them together', async () => {
    const q = await makeCase({ typeCode: 'Q', channel: 'email', processId: fx.processId });
    const p = await makeCase({ typeCode: 'P', channel: 'phone', state: 'en_tramite' });
    const r = await makeCase({
      teamId: fx.teamId,
      assigneeId: fx.agent.id,
      processId: fx.otherProcessId,
    });
    const lateOnMarch1 = await makeCase({ receivedAt: bogota('2026-03-01T23:30:00') });
    const march2 = await makeCase({ receivedAt: bogota('2026-03-02T00:00:00') });
    const all = async (input: CaseQueryInput) =>
      sorted(await idsOf(fx.supervisor, { queue: 'all', ...input }));

    expect(await all({ type: ['Q'] })).toEqual([q]);
    expect(await all({ type: ['Q', 'P'] })).toEqual([q, p]);
    expect(await all({ channel: ['phone'] })).toEqual([p]);
    expect(await all({ state: ['en_tramite'] })).toEqual([p]);
    expect(await all({ teamId: fx.teamId })).toEqual([r]);
    expect(await all({ assigneeId: fx.agent.id })).toEqual([r]);
    expect(await all({ processId: fx.otherProcessId })).toEqual([r]);
    expect(await all({ processId: fx.processId, type: ['P'] })).toEqual([]);
    // Local days in Bogotá, both ends inclusive: 23:30 on 1 March is 04:30 UTC on 2 March.
    expect(await all({ from: '2026-03-01', to: '2026-03-01' })).toEqual([lateOnMarch1]);
    expect(await all({ from: '2026-03-02', to: '2026-03-02' })).toEqual([march2]);
    expect(await all({ from: '2026-03-01', to: '2026-03-02' })).toEqual([lateOnMarch1, march2]);
    expect(await all({ to: '2026-02-28' })).toEqual([]);
    expect(await all({ from: '2026-03-13' })).toEqual([q, p, r]);
  });

  it('sorts in SQL and returns the right page with the total', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(
        await makeCase({
          receivedAt: bogota(`2026-03-${String(i + 1).padStart(2, '0')}T09:00:00`),
        }),
      );
    }
    const byReceived = await list(fx.supervisor, {
      queue: 'all',
      sort: 'received',
      dir: 'desc',
      pageSize: 10,
      page: 2,
    });
    expect(byReceived.rows.map((r) => r.id)).toEqual([ids[1], ids[0]]);
    expect(byReceived).toMatchObject({ total: 12, page: 2, pageSize: 10 });
    const first = await list(fx.supervisor, { queue: 'all', sort: 'radicado', pageSize: 10 });
    expect(first.rows.map((r) => r.radicado)).toEqual(first.rows.map((r) => r.radicado).sort());
    const second = await list(fx.supervisor, {
      queue: 'all',
      sort: 'radicado',
      pageSize: 10,
      page: 2,
    });
    expect(second.rows.map((r) => r.id)).toEqual([ids[10], ids[11]]);
    expect((await list(fx.supervisor, { queue: 'all', page: 3, pageSize: 10 })).rows).toEqual([]);

    await db.update(cases).set({ state: 'respondida' }).where(eq(cases.id, ids[5]!));
    await db.update(cases).set({ state: 'cerrada' }).where(eq(cases.id, ids[7]!));
    const byState = await list(fx.supervisor, {
      queue: 'all',
      sort: 'state',
      dir: 'desc',
      pageSize: 10,
    });
    expect(byState.rows.slice(0, 2).map((r) => r.state)).toEqual(['respondida', 'radicada']);
    expect(byState.rows.map((r) => r.state).at(-1)).toBe('radicada');
    const byStateAsc = await list(fx.supervisor, { queue: 'all', sort: 'state', pageSize: 10 });
    expect(byStateAsc.rows[0]?.id).toBe(ids[7]);
  });

  it('puts preferential cases first in the due sort, in either direction, and undated ones last', async () => {
    const normalSoon = await makeCase({ dueAt: endOf('2026-03-24') });
    const normalLater = await makeCase({ dueAt: endOf('2026-03-30') });
    const normalUndated = await makeCase({
      state: 'requiere_informacion',
      dueAt: null,
      isPaused: true,
    });
    const preferente = { priority: 'preferente' as const, priorityReason: 'Adulto mayor' };
    const preferentLater = await makeCase({ ...preferente, dueAt: endOf('2026-04-10') });
    const preferentUndated = await makeCase({
      ...preferente,
      state: 'requiere_informacion',
      dueAt: null,
    });
    expect(await idsOf(fx.supervisor, { queue: 'all' })).toEqual([
      preferentLater,
      preferentUndated,
      normalSoon,
      normalLater,
      normalUndated,
    ]);
    expect(await idsOf(fx.supervisor, { queue: 'all', dir: 'desc' })).toEqual([
      preferentLater,
      preferentUndated,
      normalLater,
      normalSoon,
      normalUndated,
    ]);
  });

  it('counts every queue under the same scope and filters', async () => {
    await makeCase({
      typeCode: 'Q',
      teamId: fx.teamId,
      assigneeId: fx.agent.id,
      dueAt: endOf('2026-03-19'),
    });
    await makeCase({
      typeCode: 'Q',
      teamId: fx.teamId,
      state: 'requiere_informacion',
      dueAt: null,
    });
    await makeCase({
      typeCode: 'R',
      teamId: fx.teamId,
      assigneeId: fx.agent.id,
      dueAt: endOf('2026-03-24'),
    });
    await makeCase({ typeCode: 'Q', teamId: fx.otherTeamId, state: 'cerrada' });
    const result = await list(fx.agent, { queue: 'team', type: ['Q'] });
    expect(result.counts).toEqual({
      mine: 1,
      team: 2,
      unassigned: 1,
      at_risk: 0,
      overdue: 1,
      waiting: 1,
      all: 2,
    });
    expect(result.total).toBe(2);
    expect((await list(fx.supervisor, {})).counts).toMatchObject({
      all: 4,
      at_risk: 1,
      overdue: 1,
    });
  });
});

describe('row columns', () => {
  it('shows the earliest pending promise, broken once past due, and who holds the case', async () => {
    const promise = async (
      caseId: number,
      dueAt: Date,
      status: 'pending' | 'kept' | 'renegotiated',
    ) =>
      await db
        .insert(promises)
        .values({ caseId, description: 'Le llamamos', dueAt, status, createdAt: NOW });
    const broken = await makeCase({
      teamId: fx.teamId,
      assigneeId: fx.agent.id,
      state: 'en_tramite',
    });
    await promise(broken, bogota('2026-03-18T12:00:00'), 'kept');
    await promise(broken, bogota('2026-03-24T17:00:00'), 'pending');
    await promise(broken, bogota('2026-03-19T17:00:00'), 'pending');
    const upcoming = await makeCase();
    await promise(upcoming, bogota('2026-03-24T17:00:00'), 'pending');
    const renegotiated = await makeCase();
    await promise(renegotiated, bogota('2026-03-19T17:00:00'), 'renegotiated');
    const anonymous = (
      await fileCase(db, { typeCode: 'D', isAnonymous: true, customer: undefined })
    ).id;

    const rows = new Map((await list(fx.supervisor, { queue: 'all' })).rows.map((r) => [r.id, r]));
    expect(rows.get(broken)).toMatchObject({
      nextPromiseDueAt: bogota('2026-03-19T17:00:00'),
      nextPromiseIsBroken: true,
      customerName: 'Ana María Pérez',
      assigneeName: 'agente',
      teamName: 'Facturación',
      typeCode: 'R',
      channel: 'web',
      priority: 'normal',
      isPaused: false,
      dueDate: '2026-04-08',
    });
    expect(rows.get(upcoming)).toMatchObject({
      nextPromiseDueAt: bogota('2026-03-24T17:00:00'),
      nextPromiseIsBroken: false,
      assigneeName: null,
      teamName: null,
      deadline: { status: 'on_track', businessDaysLeft: 10 },
    });
    expect(rows.get(renegotiated)).toMatchObject({
      nextPromiseDueAt: null,
      nextPromiseIsBroken: false,
    });
    expect(rows.get(anonymous)?.customerName).toBeNull();
  });

  it('the page renders its first page in the very shape the JSON route sends', async () => {
    const withPromise = await makeCase({ teamId: fx.teamId, state: 'en_tramite' });
    await db.insert(promises).values({
      caseId: withPromise,
      description: 'Le llamamos',
      dueAt: bogota('2026-03-24T17:00:00'),
      status: 'pending',
      createdAt: NOW,
    });
    await makeCase({ state: 'requiere_informacion' });
    const page = await list(fx.supervisor, { queue: 'all' });
    expect(page.rows.some((r) => r.nextPromiseDueAt !== null && r.dueAt !== null)).toBe(true);
    // What Response.json would send, read back: strings where the list has instants.
    expect(caseListJson(page)).toEqual(JSON.parse(JSON.stringify(page)));
  });
});
