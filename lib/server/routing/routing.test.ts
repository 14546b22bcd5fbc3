import { first as firstRow, one } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import {
  categories,
  notifications,
  routingRules,
  routingRuleSets,
  staffUsers,
  teams,
} from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { sendDeadlineAlerts } from '../jobs/deadline-alerts';
import { makeCtx } from '../core/context';
import {
  captureAppError,
  caseRow,
  countRows,
  eventsOf,
  fileCase,
  insertStaff,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { saveRoutingRules } from './save-routing-rules';
import { myAvailability, setAvailability } from './set-availability';
import { setTeamAssignment } from './set-team-assignment';

const T0 = new Date('2026-03-16T15:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let db: Conn;
let fx: Fixture;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const asAdmin = (now = T0) => makeCtx(db, fx.admin, now);
const reclamoWeb = { name: 'Reclamos web', typeCode: 'R', channel: 'web', teamId: 0 };

describe('routing a new case (issue 14 §1)', () => {
  it('sends a match to its rule’s team and the rest to the default team, on the timeline', async () => {
    await saveRoutingRules(asAdmin(), {
      defaultTeamId: fx.otherTeamId,
      rules: [{ ...reclamoWeb, teamId: fx.teamId }],
    });
    const reclamo = await fileCase(db, {}, later(1));
    const peticion = await fileCase(db, { typeCode: 'P' }, later(2));
    expect((await caseRow(db, reclamo.id)).teamId).toBe(fx.teamId);
    expect((await caseRow(db, peticion.id)).teamId).toBe(fx.otherTeamId);
    const routed = (await eventsOf(db, reclamo.id)).find((e) => e.action === 'route');
    expect(routed).toMatchObject({ visibility: 'internal', actorRole: 'system' });
    expect(routed?.data).toMatchObject({ teamName: 'Facturación', ruleName: 'Reclamos web' });
    const fallback = (await eventsOf(db, peticion.id)).find((e) => e.action === 'route');
    expect(fallback?.data).toMatchObject({ teamName: 'Entregas', ruleId: null });
  });

  it('is versioned: a change applies to cases filed after it', async () => {
    await saveRoutingRules(asAdmin(), { defaultTeamId: fx.teamId, rules: [] });
    const before = await fileCase(db, {}, later(1));
    await saveRoutingRules(asAdmin(later(2)), {
      defaultTeamId: fx.teamId,
      rules: [{ ...reclamoWeb, teamId: fx.otherTeamId }],
    });
    const after = await fileCase(db, {}, later(3));
    expect((await caseRow(db, before.id)).teamId).toBe(fx.teamId);
    expect((await caseRow(db, after.id)).teamId).toBe(fx.otherTeamId);
    expect(await countRows(db, routingRuleSets)).toBe(2);
    const ruleSetOf = async (c: { id: number }) =>
      (await eventsOf(db, c.id)).find((e) => e.action === 'route')?.data as { ruleSetId: number };
    const [first, second] = [await ruleSetOf(before), await ruleSetOf(after)];
    expect(first!.ruleSetId).not.toBe(second!.ruleSetId);
  });

  it('refuses an unknown team or category and an empty match, naming the field, writing nothing', async () => {
    const inactive = (
      await one(db.insert(categories).values({ name: 'Vieja', isActive: false }).returning())
    ).id;
    const unknown = await captureAppError(() =>
      saveRoutingRules(asAdmin(), {
        defaultTeamId: 999,
        rules: [
          { ...reclamoWeb, teamId: 998 },
          { name: 'Por categoría', categoryId: inactive, teamId: fx.teamId },
        ],
      }),
    );
    expect(unknown.code).toBe('VALIDATION');
    expect(unknown.fieldErrors).toEqual({
      defaultTeamId: ['notFound'],
      'rules.0.teamId': ['notFound'],
      'rules.1.categoryId': ['notFound'],
    });
    const empty = await captureAppError(() =>
      saveRoutingRules(asAdmin(), {
        defaultTeamId: fx.teamId,
        rules: [{ name: 'Todo', typeCode: '', keywords: ' , ', teamId: fx.teamId }],
      }),
    );
    expect(empty.fieldErrors).toEqual({ 'rules.0.match': ['emptyMatch'] });
    expect(await countRows(db, routingRuleSets)).toBe(0);
    expect(await countRows(db, routingRules)).toBe(0);
    // Without any rules saved, filing still works and routes nowhere.
    const c = await fileCase(db);
    expect((await caseRow(db, c.id)).teamId).toBeNull();
  });

  it('is for admins only', async () => {
    const refused = await captureAppError(() =>
      saveRoutingRules(makeCtx(db, fx.supervisor, T0), { defaultTeamId: fx.teamId, rules: [] }),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });
});

describe('assignment within the team (issue 14 §2)', () => {
  async function spread(mode: 'round_robin' | 'least_open') {
    const agents = [];
    for (const i of [1, 2, 3, 4]) {
      agents.push(
        await insertStaff(db, { email: `a${i}@example.co`, role: 'agent', teamId: fx.teamId }),
      );
    }
    await insertStaff(db, {
      email: 'inactiva@example.co',
      role: 'agent',
      teamId: fx.teamId,
      isActive: false,
    });
    await setAvailability(makeCtx(db, agents[3]!, T0), {
      userId: agents[3]!.id,
      isAvailable: false,
    });
    // The fixture's own agent of this team is away too.
    await setAvailability(makeCtx(db, fx.supervisor, T0), {
      userId: fx.agent.id,
      isAvailable: false,
    });
    await setTeamAssignment(makeCtx(db, fx.supervisor, T0), { teamId: fx.teamId, mode });
    await saveRoutingRules(asAdmin(), { defaultTeamId: fx.teamId, rules: [] });
    for (let i = 0; i < 100; i += 1) {
      await fileCase(db, { customer: { ...validCustomer(i) } }, later(i + 1));
    }
    const counts = new Map<number, number>();
    for (const row of await db.select({ a: staffUsers.id }).from(staffUsers)) counts.set(row.a, 0);
    const all = await db.query.cases.findMany({ columns: { assigneeId: true } });
    for (const c of all) counts.set(c.assigneeId ?? -1, (counts.get(c.assigneeId ?? -1) ?? 0) + 1);
    return { agents, counts };
  }
  const validCustomer = (i: number) => ({
    documentType: 'CC' as const,
    documentNumber: `7000${i}`,
    fullName: `Persona ${i}`,
    email: `p${i}@example.co`,
  });

  for (const mode of ['round_robin', 'least_open'] as const) {
    it(`${mode} spreads 100 cases evenly (±1) among available agents and skips away ones`, async () => {
      const { agents, counts } = await spread(mode);
      const available = agents.slice(0, 3).map((a) => counts.get(a.id) ?? 0);
      expect(available.reduce((a, b) => a + b, 0)).toBe(100);
      expect(Math.max(...available) - Math.min(...available)).toBeLessThanOrEqual(1);
      expect(counts.get(agents[3]!.id)).toBe(0);
      expect(counts.get(fx.agent.id)).toBe(0);
      expect(counts.get(-1) ?? 0).toBe(0);
    });
  }

  it('least-open weighs the cases each already holds', async () => {
    const assigneesOf = async (filed: { id: number }[]) => {
      const ids = [];
      for (const c of filed) ids.push((await caseRow(db, c.id)).assigneeId);
      return ids;
    };
    const agentOf = async (i: number) =>
      await insertStaff(db, { email: `b${i}@example.co`, role: 'agent', teamId: fx.otherTeamId });
    const [busy, idle] = [await agentOf(1), await agentOf(2)];
    await setTeamAssignment(makeCtx(db, fx.admin, T0), {
      teamId: fx.otherTeamId,
      mode: 'least_open',
    });
    await saveRoutingRules(asAdmin(), { defaultTeamId: fx.otherTeamId, rules: [] });
    await setAvailability(makeCtx(db, fx.admin, T0), {
      userId: fx.otherAgent.id,
      isAvailable: false,
    });
    await setAvailability(makeCtx(db, fx.admin, T0), { userId: idle!.id, isAvailable: false });
    const first = [];
    for (let i = 0; i < 3; i += 1)
      first.push(await fileCase(db, { customer: validCustomer(i) }, later(i)));
    expect(await assigneesOf(first)).toEqual([busy!.id, busy!.id, busy!.id]);
    await setAvailability(makeCtx(db, fx.admin, T0), { userId: idle!.id, isAvailable: true });
    const next = await Promise.all(
      [3, 4, 5].map((i) => fileCase(db, { customer: validCustomer(i) }, later(i))),
    );
    expect(await assigneesOf(next)).toEqual([idle!.id, idle!.id, idle!.id]);
  });

  it('leaves a manual team’s cases in its queue', async () => {
    await saveRoutingRules(asAdmin(), { defaultTeamId: fx.teamId, rules: [] });
    const c = await fileCase(db, {}, later(1));
    expect(await caseRow(db, c.id)).toMatchObject({ teamId: fx.teamId, assigneeId: null });
    expect(
      (await firstRow(db.select().from(teams).where(eq(teams.id, fx.teamId))))?.assignmentMode,
    ).toBe('manual');
  });

  it('lets agents mark only themselves away', async () => {
    const refused = await captureAppError(() =>
      setAvailability(makeCtx(db, fx.agent, T0), { userId: fx.otherAgent.id, isAvailable: false }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    const refusedMode = await captureAppError(() =>
      setTeamAssignment(makeCtx(db, fx.agent, T0), { teamId: fx.teamId, mode: 'round_robin' }),
    );
    expect(refusedMode.code).toBe('FORBIDDEN');
    const own = makeCtx(db, fx.agent, T0);
    expect(await myAvailability(own)).toBe(true);
    await setAvailability(own, { userId: fx.agent.id, isAvailable: 'false' });
    expect(await myAvailability(own)).toBe(false);
  });
});

describe('alerts of a routed case (issue 14 §3)', () => {
  it('an unassigned case at risk alerts its team’s supervisor', async () => {
    await db.update(teams).set({ supervisorId: fx.supervisor.id }).where(eq(teams.id, fx.teamId));
    await saveRoutingRules(asAdmin(), { defaultTeamId: fx.teamId, rules: [] });
    const filed = await fileCase(db, {}, later(1));
    expect(await caseRow(db, filed.id)).toMatchObject({ teamId: fx.teamId, assigneeId: null });
    const atRisk = new Date(filed.dueAt!.getTime() - 60 * 60_000);
    await sendDeadlineAlerts(makeCtx(db, SYSTEM_ACTOR, atRisk));
    const alerts = await db.select().from(notifications);
    const deadline = alerts.filter((n) => n.kind !== 'team_queue');
    expect(deadline.map((n) => [n.userId, n.caseId, n.kind])).toEqual([
      [fx.supervisor.id, filed.id, 'at_risk'],
    ]);
  });
});
