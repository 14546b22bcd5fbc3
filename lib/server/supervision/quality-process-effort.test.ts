/**
 * The PROCESS and EFFORT families of /calidad on the hand-built dataset (testing/quality-dataset):
 * rating distributions with their top box and average, canned replies, handle time per type
 * against its target and the long tail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { parseAnalyticsQuery } from '@/lib/validation/analytics-query';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { openTestDb } from '../testing/test-db';
import { effortFamily } from './quality-effort';
import { distributionOf, processFamily } from './quality-process';
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

async function scope(params: Record<string, string | number> = {}) {
  const raw = { from: '2026-03-01', to: '2026-04-30', ...params };
  const query = parseAnalyticsQuery(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)])),
    '2026-05-15',
  );
  return await scopeOf(makeCtx(db, SYSTEM_ACTOR, VIEW_NOW), query);
}

const MIN = 60;

describe('process: distributions 1–5 with top box and average', () => {
  it('customers’ courtesy and clarity (A 5/5, B 3/2, C 4/4, F 1/2; H is outside)', async () => {
    const { total } = await processFamily(await scope());
    expect(total.criteria.customerCourtesy).toEqual({
      counts: [1, 0, 1, 1, 1],
      total: 4,
      average: 13 / 4,
      topBox: 1 / 4,
    });
    expect(total.criteria.customerClarity).toEqual({
      counts: [0, 2, 0, 1, 1],
      total: 4,
      average: 13 / 4,
      topBox: 1 / 4,
    });
    expect(total.customerRatings).toBe(4);
  });

  it('supervisors’ rubric (A’s answer 5 5 4 5 5, B’s request 2 3 2 4 1), each and pooled', async () => {
    const { total } = await processFamily(await scope());
    expect(total.reviews).toBe(2);
    expect(total.criteria.greeting).toEqual(distributionOf([0, 1, 0, 0, 1]));
    expect(total.criteria.greeting).toMatchObject({ average: 3.5, topBox: 0.5 });
    expect(total.criteria.clarity).toMatchObject({ counts: [0, 0, 1, 0, 1], average: 4 });
    expect(total.criteria.empathy).toMatchObject({
      counts: [0, 1, 0, 1, 0],
      average: 3,
      topBox: 0,
    });
    expect(total.criteria.accuracy).toMatchObject({ counts: [0, 0, 0, 1, 1], average: 4.5 });
    expect(total.criteria.personalTouch).toMatchObject({
      counts: [1, 0, 0, 0, 1],
      average: 3,
      topBox: 0.5,
    });
    expect(total.review).toEqual({
      counts: [1, 2, 1, 2, 4],
      total: 10,
      average: 3.6,
      topBox: 0.4,
    });
  });

  it('canned replies: D’s unchanged template among 9 outbound replies', async () => {
    // A 1, B 2 (the information request is a reply too), C 2, D 1, E 1, F 1, G 1.
    const { total } = await processFamily(await scope());
    expect(total).toMatchObject({ replies: 9, canned: 1, cannedShare: 1 / 9 });
  });

  it('by agent: ratings go to the rated agent, replies to whoever sent them', async () => {
    const { groups } = await processFamily(await scope({ by: 'agent' }));
    expect(groups.map((g) => g.key)).toEqual([ds.fx.agent.id, ds.fx.otherAgent.id]);
    const [agent, other] = groups;
    expect(agent).toMatchObject({
      customerRatings: 2,
      reviews: 2,
      replies: 5,
      canned: 1,
      criteria: {
        customerCourtesy: { counts: [0, 0, 1, 0, 1], average: 4, topBox: 0.5 },
        customerClarity: { counts: [0, 1, 0, 0, 1], average: 3.5 },
      },
      review: { total: 10, average: 3.6 },
    });
    expect(other).toMatchObject({
      customerRatings: 2,
      reviews: 0,
      replies: 4,
      canned: 0,
      cannedShare: 0,
      criteria: { customerCourtesy: { counts: [1, 0, 0, 1, 0], average: 2.5, topBox: 0 } },
      review: { total: 0, average: null, topBox: null },
    });
    const filtered = (await processFamily(await scope({ agentId: ds.fx.otherAgent.id }))).total;
    expect(filtered).toMatchObject({ customerRatings: 2, reviews: 0, replies: 4 });
  });

  it('by team and by month', async () => {
    const byTeam = (await processFamily(await scope({ by: 'team' }))).groups;
    expect(byTeam.map((g) => [g.name, g.customerRatings, g.reviews, g.replies])).toEqual([
      ['Entregas', 2, 0, 4],
      ['Facturación', 2, 2, 5],
    ]);
    const byMonth = (await processFamily(await scope({ by: 'month' }))).groups;
    expect(byMonth.map((g) => [g.key, g.customerRatings, g.reviews, g.replies, g.canned])).toEqual([
      ['2026-03', 3, 2, 5, 0],
      ['2026-04', 1, 0, 4, 1],
    ]);
  });
});

describe('effort: handle time per case against the type’s target', () => {
  it('per type: average, target, cases over it, long tail and minutes beyond', async () => {
    const { byType } = await effortFamily(await scope());
    expect(byType).toEqual([
      {
        typeCode: 'P',
        targetMinutes: 20,
        cases: 1,
        seconds: 25 * MIN,
        casesOver: 1,
        tailSeconds: 25 * MIN,
        beyondSeconds: 5 * MIN,
        averageMinutes: 25,
        tailShare: 1,
        overShare: 1,
      },
      {
        typeCode: 'Q',
        targetMinutes: 30,
        cases: 1,
        seconds: 40 * MIN, // the agent's 5 and the supervisor's 35
        casesOver: 1,
        tailSeconds: 40 * MIN,
        beyondSeconds: 10 * MIN,
        averageMinutes: 40,
        tailShare: 1,
        overShare: 1,
      },
      {
        typeCode: 'R',
        targetMinutes: 45,
        cases: 3,
        seconds: (60 + 30 + 50) * MIN,
        casesOver: 2, // A (60) and C (40 + 10); B's 10 + 20 is within
        tailSeconds: 110 * MIN,
        beyondSeconds: 20 * MIN,
        averageMinutes: 140 / 3,
        tailShare: 110 / 140,
        overShare: 2 / 3,
      },
      {
        typeCode: 'D',
        targetMinutes: 40,
        cases: 1,
        seconds: 30 * MIN,
        casesOver: 0,
        tailSeconds: 0,
        beyondSeconds: 0,
        averageMinutes: 30,
        tailShare: 0,
        overShare: 0,
      },
      {
        typeCode: 'F',
        targetMinutes: 5,
        cases: 1,
        seconds: 3 * MIN,
        casesOver: 0,
        tailSeconds: 0,
        beyondSeconds: 0,
        averageMinutes: 3,
        tailShare: 0,
        overShare: 0,
      },
    ]);
  });

  it('in total: 238 minutes, 175 of them on the 4 cases over target, 35 beyond it', async () => {
    expect((await effortFamily(await scope())).total).toEqual({
      cases: 7,
      seconds: 238 * MIN,
      casesOver: 4,
      tailSeconds: 175 * MIN,
      beyondSeconds: 35 * MIN,
      averageMinutes: 34,
      tailShare: 175 / 238,
      overShare: 4 / 7,
    });
  });

  it('by agent: each agent’s own time on each case against the target', async () => {
    const { groups, total } = await effortFamily(await scope({ by: 'agent' }));
    expect(
      groups.map((g) => [g.key, g.cases, g.seconds / MIN, g.casesOver, g.beyondSeconds / MIN]),
    ).toEqual([
      // The agent's 5 minutes on D are within Q's 30; the supervisor's 35 are not.
      [ds.fx.agent.id, 4, 98, 1, 15],
      [ds.fx.otherAgent.id, 3, 105, 2, 10],
      [ds.fx.supervisor.id, 1, 35, 1, 5],
    ]);
    expect(total.beyondSeconds).toBe(35 * MIN); // the total stays per case
    const supervisorOnly = (await effortFamily(await scope({ agentId: ds.fx.supervisor.id })))
      .total;
    expect(supervisorOnly).toMatchObject({ cases: 1, seconds: 35 * MIN, beyondSeconds: 5 * MIN });
  });

  it('by team and by month', async () => {
    const byTeam = (await effortFamily(await scope({ by: 'team' }))).groups;
    expect(byTeam.map((g) => [g.name, g.cases, g.seconds / MIN, g.tailSeconds / MIN])).toEqual([
      ['Entregas', 3, 105, 75],
      ['Facturación', 4, 133, 100],
    ]);
    const byMonth = (await effortFamily(await scope({ by: 'month' }))).groups;
    expect(byMonth.map((g) => [g.key, g.cases, g.seconds / MIN])).toEqual([
      ['2026-03', 3, 140],
      ['2026-04', 4, 98],
    ]);
  });
});
