/**
 * The deadline board's figures, on a small dataset built through the real use cases and worked
 * out by hand on the Colombian calendar. "Now" is Friday 20 March 2026, 10:00 in Bogotá; Monday
 * 23 March is a holiday (San José), so the at-risk window (2 business days) runs to Wednesday 25.
 * A Reclamo (15 business days) filed on 25, 26, 27 February, 2, 3 and 4 March is due on 18, 19,
 * 20, 24, 25 and 26 March.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { promises } from '@/db/tables';
import { deadlineStatus } from '@/lib/domain/legal-term';
import { parseBoardQuery, type BoardQuery } from '@/lib/validation/board';
import type { Actor } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { applyPromiseAction } from '../cases/apply-promise-action';
import { HTTP_STATUS } from '../core/errors';
import { loadCalendar } from '../core/organization';
import {
  bogota,
  answerCase,
  captureAppError,
  caseRow,
  fileCase,
  insertStaff,
  seedFixture,
  type Fixture,
  type StaffMember,
} from '../testing/fixtures';
import { deliverAnswer } from '../testing/deliveries';
import { openTestDb } from '../testing/test-db';
import { loadBoard, type BoardFigures } from './board';
import { makeCtx } from '@/lib/server/core/context';

const NOW = bogota('2026-03-20T10:00:00');
const ZERO: BoardFigures = {
  open: 0,
  dueToday: 0,
  atRisk: 0,
  overdue: 0,
  promisesDueToday: 0,
  promisesBroken: 0,
  undelivered: 0,
};

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let idle: StaffMember;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  idle = await insertStaff(db, { email: 'libre@example.co', role: 'agent', teamId: fx.teamId });
});
afterEach(() => cleanup());

async function act(caseId: number, input: unknown, actor: Actor, at: string) {
  return await applyCaseAction(makeCtx(db, actor, bogota(at)), { caseId, ...(input as object) });
}

/** A Reclamo filed at 09:00 on `filedOn`, taken the same day by `agent` when given. */
async function reclamo(filedOn: string, dueDate: string, agent?: StaffMember): Promise<number> {
  const { id } = await fileCase(
    db,
    { subject: `Reclamo del ${filedOn}` },
    bogota(`${filedOn}T09:00:00`),
  );
  if (agent) await act(id, { action: 'take' }, agent, `${filedOn}T11:00:00`);
  expect((await caseRow(db, id)).dueDate).toBe(dueDate);
  return id;
}

async function promise(
  caseId: number,
  agent: StaffMember,
  madeAt: string,
  dueAt: string,
): Promise<number> {
  const applied = await act(
    caseId,
    { action: 'add_promise', description: 'Llamar al cliente', dueAt: bogota(dueAt).toISOString() },
    agent,
    madeAt,
  );
  const data = await one(
    db
      .select({ id: promises.id })
      .from(promises)
      .where(eq(promises.caseId, caseId))
      .orderBy(desc(promises.id)),
  );
  expect(applied.action).toBe('add_promise');
  return data.id;
}

async function renegotiate(promiseId: number, agent: StaffMember, at: string, newDueAt: string) {
  await applyPromiseAction(makeCtx(db, agent, bogota(at)), {
    promiseId,
    action: 'renegotiate',
    newDueAt: bogota(newDueAt).toISOString(),
    reason: 'El cliente pidió',
  });
}

/**
 * A: overdue (19 Mar), agent. B: overdue (18 Mar), other agent. C: due today, agent.
 * D: at risk (24 Mar, across San José), other agent. E: at risk (25 Mar), unassigned, no team.
 * F: on track (26 Mar), agent. G: paused (would be overdue), agent. H: answered late and I: closed
 * (both would be overdue), excluded; H's answer is still undelivered (vencida sin notificar), I's
 * was delivered at once. Promises: P1 due today (C); P2 pending past due (A);
 * P3 stored broken (D); P4 renegotiated, its successor due today (F); P5 renegotiated, its
 * successor past due (F); P6 past due on the answered case H; P7 kept (A).
 */
async function buildDataset() {
  const a = await reclamo('2026-02-26', '2026-03-19', fx.agent);
  const b = await reclamo('2026-02-25', '2026-03-18', fx.otherAgent);
  const c = await reclamo('2026-02-27', '2026-03-20', fx.agent);
  const d = await reclamo('2026-03-02', '2026-03-24', fx.otherAgent);
  const e = await reclamo('2026-03-03', '2026-03-25');
  const f = await reclamo('2026-03-04', '2026-03-26', fx.agent);
  const g = await reclamo('2026-02-26', '2026-03-19', fx.agent);
  await act(
    g,
    { action: 'request_info', body: 'Envíe la factura.' },
    fx.agent,
    '2026-03-02T10:00:00',
  );
  const h = await reclamo('2026-02-25', '2026-03-18', fx.agent);
  const i = (await fileCase(db, { typeCode: 'P' }, bogota('2026-02-25T09:00:00'))).id;
  await answerCase(db, i, fx.agent, bogota('2026-03-10T10:00:00'));
  await act(i, { action: 'close' }, fx.agent, '2026-03-11T10:00:00');

  await promise(c, fx.agent, '2026-03-19T10:00:00', '2026-03-20T15:00:00'); // P1
  await promise(a, fx.agent, '2026-03-18T10:00:00', '2026-03-19T12:00:00'); // P2
  const p3 = await promise(d, fx.otherAgent, '2026-03-17T10:00:00', '2026-03-18T12:00:00');
  await applyPromiseAction(makeCtx(db, fx.otherAgent, bogota('2026-03-19T08:00:00')), {
    promiseId: p3,
    action: 'break',
  });
  const p4 = await promise(f, fx.agent, '2026-03-16T10:00:00', '2026-03-19T09:00:00');
  await renegotiate(p4, fx.agent, '2026-03-18T10:00:00', '2026-03-20T16:00:00');
  const p5 = await promise(f, fx.agent, '2026-03-12T10:00:00', '2026-03-17T09:00:00');
  await renegotiate(p5, fx.agent, '2026-03-16T10:00:00', '2026-03-19T17:00:00');
  await promise(h, fx.agent, '2026-03-16T10:00:00', '2026-03-17T10:00:00'); // P6
  await act(
    h,
    { action: 'answer', body: 'Respuesta tardía.', decision: 'niega' },
    fx.agent,
    '2026-03-19T10:00:00',
  );
  const p7 = await promise(a, fx.agent, '2026-03-16T10:00:00', '2026-03-18T10:00:00');
  await applyPromiseAction(makeCtx(db, fx.agent, bogota('2026-03-17T10:00:00')), {
    promiseId: p7,
    action: 'keep',
  });
  return { a, b, c, d, e, f, g, h, i };
}

const board = (query: Partial<BoardQuery> = {}, actor: Actor = fx.supervisor, now = NOW) =>
  loadBoard(makeCtx(db, actor, now), { ...parseBoardQuery({}), ...query });

describe('the deadline board', () => {
  it('counts due today, at risk across the holiday, overdue and promises exactly', async () => {
    const ids = await buildDataset();
    expect(await caseRow(db, ids.g)).toMatchObject({ state: 'requiere_informacion', dueAt: null });
    expect((await caseRow(db, ids.h)).state).toBe('respondida');
    expect((await caseRow(db, ids.i)).state).toBe('cerrada');

    const result = await board();
    expect(result).toMatchObject({ today: '2026-03-20', atRiskUntil: '2026-03-25' });
    expect(result.totals).toEqual({
      open: 7,
      dueToday: 1,
      atRisk: 2,
      overdue: 2,
      promisesDueToday: 2,
      promisesBroken: 3,
      undelivered: 1,
    });
  });

  it('counts answers still undelivered past their due date until they reach the petitioner', async () => {
    const ids = await buildDataset();
    expect((await board()).totals.undelivered).toBe(1);
    expect((await board({ agentId: fx.otherAgent.id })).totals.undelivered).toBe(0);
    await deliverAnswer(db, ids.h, bogota('2026-03-20T09:00:00'));
    expect((await board()).totals.undelivered).toBe(0);
  });

  it('breaks the figures down by team and by agent, with idle agents and the unassigned row', async () => {
    await buildDataset();
    const result = await board();
    const billing = {
      open: 4,
      dueToday: 1,
      atRisk: 0,
      overdue: 1,
      promisesDueToday: 2,
      promisesBroken: 2,
      undelivered: 1,
    };
    const deliveries = { ...ZERO, open: 2, atRisk: 1, overdue: 1, promisesBroken: 1 };
    const unrouted = { ...ZERO, open: 1, atRisk: 1 };
    // Teams by name, "no team" last.
    expect(result.byTeam).toEqual([
      { id: fx.otherTeamId, name: 'Entregas', ...deliveries },
      { id: fx.teamId, name: 'Facturación', ...billing },
      { id: null, name: null, ...unrouted },
    ]);
    // Active agents by name (supervisor and admin hold nothing, so are not listed), unassigned last.
    expect(result.byAgent).toEqual([
      { id: fx.agent.id, name: 'agente', ...billing },
      { id: idle.id, name: 'libre', ...ZERO },
      { id: fx.otherAgent.id, name: 'otra', ...deliveries },
      { id: null, name: null, ...unrouted },
    ]);
  });

  it('filters by team and by agent', async () => {
    await buildDataset();
    const team = await board({ teamId: fx.otherTeamId });
    expect(team.totals).toEqual({ ...ZERO, open: 2, atRisk: 1, overdue: 1, promisesBroken: 1 });
    expect(team.byTeam.map((t) => t.id)).toEqual([fx.otherTeamId]);
    expect(team.byAgent.map((a) => [a.id, a.open])).toEqual([
      [fx.otherAgent.id, 2],
      [null, 0],
    ]);
    expect(team.cases.rows.map((r) => r.radicado)).toHaveLength(2);

    const agent = await board({ agentId: fx.agent.id });
    expect(agent.totals).toEqual({
      open: 4,
      dueToday: 1,
      atRisk: 0,
      overdue: 1,
      promisesDueToday: 2,
      promisesBroken: 2,
      undelivered: 1,
    });
    expect(agent.byAgent.map((a) => a.id)).toEqual([fx.agent.id]);
    expect(agent.byTeam.map((t) => [t.id, t.open])).toEqual([[fx.teamId, 4]]);
  });

  it('lists the cases behind the board: overdue first, then due today, then at risk', async () => {
    const ids = await buildDataset();
    const { cases } = await board();
    expect(cases).toMatchObject({ total: 5, page: 1, pageCount: 1 });
    expect(cases.rows.map((r) => [r.id, r.bucket, r.dueDate])).toEqual([
      [ids.b, 'overdue', '2026-03-18'],
      [ids.a, 'overdue', '2026-03-19'],
      [ids.c, 'due_today', '2026-03-20'],
      [ids.d, 'at_risk', '2026-03-24'],
      [ids.e, 'at_risk', '2026-03-25'],
    ]);
    expect(cases.rows[0]).toMatchObject({
      typeCode: 'R',
      state: 'en_tramite',
      assigneeName: 'otra',
      teamName: 'Entregas',
      deadline: { status: 'overdue', businessDaysLeft: -2 },
    });
    const cal = await loadCalendar(db);
    for (const row of cases.rows) {
      expect(row.deadline).toEqual(deadlineStatus(new Date(row.dueAt), NOW, cal));
    }
    // 24 March is one business day away: the holiday on the 23rd does not count.
    expect(cases.rows[3]?.deadline).toEqual({ status: 'at_risk', businessDaysLeft: 1 });
    expect(cases.rows[4]).toMatchObject({ assigneeName: null, teamName: null, state: 'radicada' });
  });

  it('moves the at-risk window over Holy Thursday and Friday', async () => {
    // Wednesday 1 April: 2 and 3 April are holidays, so the window runs to Tuesday 7 April.
    const at = bogota('2026-04-01T10:00:00');
    const inside = await reclamo('2026-03-12', '2026-04-07', fx.agent); // due 7 April: at risk
    await reclamo('2026-03-13', '2026-04-08', fx.agent); // due 8 April: on track
    const result = await board({}, fx.supervisor, at);
    expect(result.atRiskUntil).toBe('2026-04-07');
    expect(result.totals).toEqual({ ...ZERO, open: 2, atRisk: 1 });
    expect(result.cases.rows.map((r) => r.id)).toEqual([inside]);
  });

  it('counts a case due today as overdue once its due instant has passed', async () => {
    await reclamo('2026-02-27', '2026-03-20', fx.agent);
    expect((await board({}, fx.supervisor, bogota('2026-03-20T23:59:00'))).totals).toMatchObject({
      dueToday: 1,
      overdue: 0,
    });
    expect((await board({}, fx.supervisor, bogota('2026-03-21T00:00:01'))).totals).toMatchObject({
      dueToday: 0,
      overdue: 1,
    });
  });

  it('pages the list, each row with its deadline chip', async () => {
    await reclamo('2026-01-02', '2026-01-26'); // long overdue (12 January, Reyes, is a holiday)
    for (let n = 0; n < 50; n++) await reclamo('2026-02-26', '2026-03-19');
    await reclamo('2026-02-27', '2026-03-20');
    const later = bogota('2026-04-09T10:00:00'); // after San José and Holy Week
    const first = await board({}, fx.supervisor, later);
    expect(first.cases).toMatchObject({ total: 52, pageCount: 2 });
    expect(first.cases.rows).toHaveLength(50);
    const second = (await board({ page: 2 }, fx.supervisor, later)).cases.rows;
    expect(second.map((r) => r.dueDate)).toEqual(['2026-03-19', '2026-03-20']);
    // Business days late on 9 April: after 19 March, 20, 24–27 and 30–31 March, 1 and 6–9 April
    // (San José, Holy Thursday and Friday skipped): 12; after 20 March: 11; after 26 January: 4 in
    // January, 20 in February and 14 up to 19 March more: 50.
    expect(first.cases.rows[0]?.deadline).toEqual({ status: 'overdue', businessDaysLeft: -50 });
    expect(first.cases.rows[1]?.deadline).toEqual({ status: 'overdue', businessDaysLeft: -12 });
    expect(second.map((r) => r.deadline.businessDaysLeft)).toEqual([-12, -11]);
  });

  it('is for supervisors and admins only', async () => {
    expect((await board({}, fx.admin)).totals).toEqual(ZERO);
    const error = await captureAppError(() => board({}, fx.agent));
    expect(HTTP_STATUS[error.code]).toBe(403);
  });
});
