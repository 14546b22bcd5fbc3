/**
 * The RESULT family of /calidad on the hand-built dataset (testing/quality-dataset.ts): every
 * figure worked out by hand, in total and per team, agent, type, process and month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { parseAnalyticsQuery } from '@/lib/validation/analytics-query';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { openTestDb } from '../testing/test-db';
import { resultFamily, type ResultFamily } from './quality-result';
import { scopeOf } from './quality-shared';
import { buildQualityDataset, VIEW_NOW, type QualityDataset } from '../testing/quality-dataset';

let db: Conn;
let cleanup: () => Promise<void>;
let ds: QualityDataset;

beforeAll(async () => {
  ({ db, cleanup } = await openTestDb());
  ds = await buildQualityDataset(db);
}, 60_000);
afterAll(() => cleanup());

async function result(params: Record<string, string | number> = {}): Promise<ResultFamily> {
  const query = parseAnalyticsQuery(
    {
      from: '2026-03-01',
      to: '2026-04-30',
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    },
    '2026-05-15',
  );
  return resultFamily(await scopeOf(makeCtx(db, SYSTEM_ACTOR, VIEW_NOW), query));
}

const ZERO = {
  cases: 0,
  answered: 0,
  termAnswered: 0,
  onTime: 0,
  slaAnswered: 0,
  slaMet: 0,
  reopened: 0,
  repeated: 0,
  firstContact: 0,
  daysSum: 0,
  daysCount: 0,
  promisesKept: 0,
  promisesBroken: 0,
  yes: 0,
  partly: 0,
  no: 0,
};

describe('result figures of the cases received in the period', () => {
  it('counts every figure of A–G (H was filed before the period)', async () => {
    const { total } = await result();
    expect(total.counts).toEqual({
      cases: 7,
      // A, B, C, E, F; D is still open and G (a felicitación) was closed without an answer.
      answered: 5,
      termAnswered: 5,
      // B, C, E on time; A (16 business days across San José and Holy Week) and F (17) late.
      onTime: 3,
      // Only Reclamos have a service level: A and B missed it, C (answered in 6 hours) met it.
      slaAnswered: 3,
      slaMet: 1,
      reopened: 1, // C
      repeated: 1, // D
      firstContact: 3, // A, E, F (B waited for information, C was reopened)
      daysSum: 16 + 6 + 0 + 1 + 17, // B's 8 paused days are not counted
      daysCount: 5,
      // A kept; B renegotiated then kept: one; C pending past due: broken; E renegotiated, its
      // successor past due: one broken; D pending and not yet due: not settled.
      promisesKept: 2,
      promisesBroken: 2,
      yes: 1,
      partly: 1,
      no: 2,
    });
    expect(total).toMatchObject({
      termsMet: 3 / 5,
      slaMet: 1 / 3,
      promisesKept: 0.5,
      reopenRate: 1 / 5,
      repeatRate: 1 / 7,
      firstContactResolution: 3 / 5,
      avgBusinessDays: 8,
      answers: { yes: 0.25, partly: 0.25, no: 0.5 },
      ratings: 4,
    });
  });

  it('breaks the figures down by team (the case’s team)', async () => {
    const { groups } = await result({ by: 'team' });
    expect(groups.map((g) => [g.key, g.name])).toEqual([
      [ds.fx.otherTeamId, 'Entregas'],
      [ds.fx.teamId, 'Facturación'],
    ]);
    const [entregas, facturacion] = groups;
    expect(entregas!.counts).toEqual({
      ...ZERO,
      cases: 3, // C, E, F
      answered: 3,
      termAnswered: 3,
      onTime: 2,
      slaAnswered: 1,
      slaMet: 1,
      reopened: 1,
      firstContact: 2,
      daysSum: 0 + 1 + 17,
      daysCount: 3,
      promisesBroken: 2,
      no: 2,
    });
    expect(facturacion!.counts).toEqual({
      ...ZERO,
      cases: 4, // A, B, D, G
      answered: 2,
      termAnswered: 2,
      onTime: 1,
      slaAnswered: 2,
      repeated: 1,
      firstContact: 1,
      daysSum: 16 + 6,
      daysCount: 2,
      promisesKept: 2,
      yes: 1,
      partly: 1,
    });
    expect(facturacion).toMatchObject({
      termsMet: 0.5,
      slaMet: 0,
      promisesKept: 1,
      repeatRate: 0.25,
      avgBusinessDays: 11,
      answers: { yes: 0.5, partly: 0.5, no: 0 },
    });
    expect(entregas).toMatchObject({ promisesKept: 0, reopenRate: 1 / 3, avgBusinessDays: 6 });
  });

  it('by month: local months of received dates', async () => {
    const { groups } = await result({ by: 'month' });
    expect(groups.map((g) => g.key)).toEqual(['2026-03', '2026-04']);
    expect(groups[0]!.counts).toMatchObject({
      cases: 3, // A, B, C
      answered: 3,
      onTime: 2,
      slaAnswered: 3,
      slaMet: 1,
      reopened: 1,
      firstContact: 1,
      daysSum: 22,
      promisesKept: 2,
      promisesBroken: 1,
      yes: 1,
      partly: 1,
      no: 1,
    });
    expect(groups[1]!.counts).toMatchObject({
      cases: 4, // D, E, F, G
      answered: 2,
      onTime: 1,
      slaAnswered: 0,
      repeated: 1,
      firstContact: 2,
      daysSum: 18,
      promisesKept: 0,
      promisesBroken: 1,
      no: 1,
    });
    expect(groups[1]!.slaMet).toBeNull();
    expect(groups[1]!.firstContactResolution).toBe(1);
  });

  it('by type, in the catalogue order', async () => {
    const { groups } = await result({ by: 'type' });
    expect(groups.map((g) => [g.key, g.counts.cases, g.counts.onTime])).toEqual([
      ['P', 1, 1],
      ['Q', 1, 0],
      ['R', 3, 2],
      ['D', 1, 0],
      ['F', 1, 0],
    ]);
    expect(groups.find((g) => g.key === 'F')!.termsMet).toBeNull();
  });

  it('by originating process, cases without one last', async () => {
    const { groups } = await result({ by: 'process' });
    expect(groups.map((g) => [g.name, g.counts.cases, g.counts.answered])).toEqual([
      ['Entregas', 1, 1],
      ['Facturación', 2, 2],
      [null, 4, 2],
    ]);
  });

  it('by agent (the assignee) and filtered to one agent', async () => {
    const { groups } = await result({ by: 'agent' });
    expect(groups.map((g) => [g.key, g.counts.cases])).toEqual([
      [ds.fx.agent.id, 4],
      [ds.fx.otherAgent.id, 3],
    ]);
    const other = (await result({ agentId: ds.fx.otherAgent.id })).total;
    expect(other.counts).toMatchObject({ cases: 3, answered: 3, onTime: 2, no: 2 });
    expect((await result({ agentId: ds.fx.supervisor.id })).total.counts.cases).toBe(0);
  });

  it('narrows to the filter: type, channel, team and period', async () => {
    expect((await result({ type: 'R' })).total.counts).toMatchObject({ cases: 3, daysSum: 22 });
    expect((await result({ channel: 'phone' })).total.counts.cases).toBe(0);
    expect((await result({ teamId: ds.fx.teamId })).total.counts.cases).toBe(4);
    // Only March: H (27 Feb) still outside, A–C inside.
    expect((await result({ from: '2026-02-28', to: '2026-03-31' })).total.counts.cases).toBe(3);
    expect((await result({ from: '2026-02-01', to: '2026-02-28' })).total.counts).toMatchObject({
      cases: 1,
      yes: 1,
    });
  });

  it('shows no ratio where there is nothing to divide', async () => {
    const { total, groups } = await result({ from: '2026-06-01', to: '2026-06-30' });
    expect(groups).toEqual([]);
    expect(total).toMatchObject({ termsMet: null, promisesKept: null, avgBusinessDays: null });
  });
});
