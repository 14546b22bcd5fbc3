import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { OPEN_STATES } from '@/lib/domain/enums';
import { DEMO_NOW, demoOnBothEngines } from '@/lib/server/testing/both-engines';
import { startPgServer, type TestPgServer } from '@/lib/server/testing/pg-server';
import { CASE_SCORE_MARGIN_SQL, SCORE_COUNTS } from '@/lib/server/supervision/quality-process';
import { timingCondition } from '@/lib/server/supervision/quality-quadrant';
import * as liteAlerts from '../sql/alerts';
import * as liteAudit from '../sql/audit-log';
import * as liteReviews from '../sql/quality-reviews';
import { sqliteQualityReads, type SqlExpr } from '../sql/quality';
import * as liteBoard from '../sql/board';
import * as liteEffect from '../sql/problem-effect';
import * as lite from '../sql/queue-counts';
import * as liteSurveys from '../sql/surveys';
import * as pgAudit from './audit-history';
import { auditChainBatch as pgChainBatch } from './audit-log';
import type { PgDb } from './client';
import * as pgReviews from './quality-reviews';
import { pgQualityReads } from './quality';
import * as pgBoard from './board';
import * as jobs from './job-reads';
import * as pg from './queue-counts';

const OPEN = OPEN_STATES;
const DAY = 86_400_000;

describe('the same answers on PostgreSQL as on SQLite, on the demo installation', () => {
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
      const expected = await lite.maintainedQueueCounts(l, who, OPEN);
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

  const byDueThenId = <T extends { dueAt: number; id: number }>(rows: T[]) =>
    [...rows].sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);

  it('finds the same cases due for the alerts job', async () => {
    const { lite: l, pg: p } = both;
    let found = 0;
    for (const limit of [-10 * DAY, 0, 3 * DAY, 400 * DAY].map((d) => DEMO_NOW.getTime() + d)) {
      const expected = byDueThenId(await liteAlerts.casesDueBy(l, limit));
      expect(byDueThenId(await jobs.casesDueBy(p.$client, limit))).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(0);
  });

  it('picks the same cases for satisfaction surveys', async () => {
    const { lite: l, pg: p } = both;
    const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);
    let found = 0;
    for (const [after, until] of [
      [DEMO_NOW.getTime() - 30 * DAY, DEMO_NOW.getTime()],
      [0, DEMO_NOW.getTime() + 365 * DAY],
    ]) {
      const expected = byId(await liteSurveys.surveyCandidates(l, after!, until!));
      expect(byId(await jobs.surveyCandidates(p.$client, after!, until!))).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(0);
  });

  it('counts the same complaints per process and root cause, and cases per problem', async () => {
    const { lite: l, pg: p } = both;
    const from = new Date(DEMO_NOW.getTime() - 365 * DAY);
    const to = new Date(DEMO_NOW.getTime() + DAY);
    let complaints = 0;
    for (const column of ['process_id', 'root_cause_id'] as const) {
      const table = column === 'process_id' ? 'processes' : 'root_causes';
      const ids = l.$client.prepare(`SELECT id FROM ${table}`).pluck().all() as number[];
      for (const id of ids) {
        const expected = liteEffect.countCauseComplaints(l, { column, id }, from, to);
        expect([
          column,
          id,
          await jobs.countCauseComplaints(p.$client, { column, id }, from, to),
        ]).toEqual([column, id, expected]);
        complaints += expected;
      }
    }
    expect(complaints).toBeGreaterThan(0);
    const problems = l.$client.prepare('SELECT id FROM problems').pluck().all() as number[];
    for (const id of problems)
      expect(await jobs.countLinkedCases(p.$client, id)).toBe(liteEffect.countLinkedCases(l, id));
  });

  it('draws the same deadline board: figures by team and agent, and the cases in due order', async () => {
    const { lite: l, pg: p } = both;
    const now = DEMO_NOW.getTime();
    const times = { now, endOfToday: now + 9 * 3_600_000, atRiskUntil: now + 3 * DAY };
    const teams = l.$client.prepare('SELECT id FROM teams').pluck().all() as number[];
    const agents = l.$client
      .prepare("SELECT id FROM staff_users WHERE role = 'agent'")
      .pluck()
      .all() as number[];
    const filters = [
      {},
      ...teams.map((teamId) => ({ teamId })),
      ...agents.map((agentId) => ({ agentId })),
    ];
    let open = 0;
    for (const filter of filters)
      for (const offset of [0, 25]) {
        const page = { pageSize: 25, offset };
        const expected = await liteBoard.readBoard(l, filter, times, page);
        expect([filter, offset, await pgBoard.readBoard(p, filter, times, page)]).toEqual([
          filter,
          offset,
          expected,
        ]);
        open += expected.groups.find((g) => g.dim === 'total')!.open;
      }
    expect(open).toBeGreaterThan(0);
  });

  it('reads the same audit history: each filter, two keyset pages, the choices, the extent', async () => {
    const { lite: l, pg: p } = both;
    const one = <T>(text: string) => l.$client.prepare(text).pluck().get() as T;
    const radicado = one<string>('SELECT radicado FROM cases ORDER BY id LIMIT 1 OFFSET 7');
    const agent = one<number>("SELECT id FROM staff_users WHERE role = 'agent' ORDER BY id");
    const caseId = await liteAudit.caseIdByRadicado(l, radicado);
    expect(caseId).not.toBeNull();
    expect(await pgAudit.caseIdByRadicado(p.$client, radicado)).toBe(caseId);
    expect(await pgAudit.caseIdByRadicado(p.$client, 'PQRS-1999-000001')).toBeNull();
    const from = DEMO_NOW.getTime() - 60 * DAY;
    const filters = [
      {},
      { radicado },
      { actor: agent },
      { action: 'answer' },
      { fromMs: from, toMs: DEMO_NOW.getTime() - 10 * DAY },
      { actor: agent, action: 'answer', fromMs: from },
    ];
    let read = 0;
    for (const q of filters) {
      const id = q.radicado ? caseId : null;
      let page: { limit: number; before?: number; beforeTime?: number } = { limit: 20 };
      for (const turn of [1, 2]) {
        const expected = await liteAudit.auditHistoryPage(l, q, id, page);
        const got = await pgAudit.auditHistoryPage(p.$client, q, id, page);
        expect([q, turn, got]).toEqual([q, turn, expected]);
        read += expected.length;
        const last = expected.at(-1);
        if (!last) break;
        page = { limit: 20, before: last.id, beforeTime: last.createdAt };
      }
    }
    expect(read).toBeGreaterThan(40);
    expect(await pgAudit.staffForAuditFilter(p.$client)).toEqual(
      await liteAudit.staffForAuditFilter(l),
    );
    expect(await pgAudit.recordedActions(p.$client)).toEqual(await liteAudit.recordedActions(l));
    const extent = await liteAudit.chainExtent(l);
    expect(extent.total).toBeGreaterThan(0);
    expect(await pgAudit.chainExtent(p.$client)).toEqual(extent);
    expect(await pgAudit.eventTime(p.$client, extent.lastId)).toBe(
      await liteAudit.eventTime(l, extent.lastId),
    );
    for (const batch of [
      { afterId: 0, throughId: extent.lastId, limit: 50 },
      { afterId: 30, throughId: 60, limit: 50 },
      { afterId: extent.lastId - 10, throughId: extent.lastId, limit: 50 },
    ]) {
      const expected = await liteAudit.auditChainBatch(l, batch);
      expect(expected.length).toBeGreaterThan(0);
      expect([batch, await pgChainBatch(p.$client, batch)]).toEqual([batch, expected]);
    }
  });

  it('lists the same answers to review and shows each with the same case and reviews', async () => {
    const { lite: l, pg: p } = both;
    const ids = (text: string) => l.$client.prepare(text).pluck().all() as number[];
    const supervisors = ids("SELECT id FROM staff_users WHERE role <> 'agent' ORDER BY id");
    const agents = ids("SELECT id FROM staff_users WHERE role = 'agent' ORDER BY id LIMIT 3");
    let listed = 0;
    for (const reviewerId of supervisors)
      for (const agentId of [undefined, ...agents])
        for (const offset of [0, 20]) {
          const filter = { reviewerId, ...(agentId ? { agentId } : {}), limit: 20, offset };
          const expected = await liteReviews.reviewQueueRows(l, filter);
          expect([filter, await pgReviews.reviewQueueRows(p.$client, filter)]).toEqual([
            filter,
            expected,
          ]);
          listed += expected.length;
        }
    expect(listed).toBeGreaterThan(0);
    const reviewed = ids(`SELECT interaction_id FROM quality_ratings
      WHERE source = 'supervisor' AND interaction_id IS NOT NULL ORDER BY id LIMIT 5`);
    const outbound = ids("SELECT id FROM interactions WHERE direction = 'outbound' LIMIT 5");
    expect(reviewed.length).toBeGreaterThan(0);
    for (const id of [...reviewed, ...outbound]) {
      const shown = await liteReviews.interactionForReview<{ caseId: number }>(l, id);
      expect(await pgReviews.interactionForReview(p.$client, id)).toEqual(shown);
      const caseId = shown!.caseId;
      expect(await pgReviews.caseForReview(p.$client, caseId)).toEqual(
        await liteReviews.caseForReview(l, caseId),
      );
      expect(await pgReviews.supervisorReviews(p.$client, caseId, id)).toEqual(
        await liteReviews.supervisorReviews(l, caseId, id),
      );
      for (const viewer of supervisors.slice(0, 2))
        expect(await pgReviews.caseInteractionRows(p.$client, caseId, viewer)).toEqual(
          await liteReviews.caseInteractionRows(l, caseId, viewer),
        );
    }
  });

  it('gives the same /calidad figures: results, ratings, replies, effort and the quadrant', async () => {
    const { lite: l, pg: p } = both;
    const [lite, pg] = [sqliteQualityReads(l), pgQualityReads(p.$client)];
    const now = DEMO_NOW.getTime();
    /** One question in each engine's bound values: instants as Unix ms on SQLite, ISO on PG. */
    const question = (instant: (ms: number) => string | number) => ({
      filter: {
        where: 'c.received_at >= ? AND c.received_at < ?',
        params: [instant(now - 365 * DAY), instant(now + DAY)],
      },
      month: {
        expr: "CASE WHEN c.received_at < ? THEN 'before' ELSE 'after' END",
        params: [instant(now - 45 * DAY)],
      },
      late: timingCondition('late', instant(now)),
    });
    const [lq, pq] = [question((ms) => ms), question((ms) => new Date(ms).toISOString())];
    const column = (expr: string): SqlExpr => ({ expr, params: [] });
    const groups = (agent: string) => (q: typeof lq) =>
      [agent, 'c.team_id', 'c.type_code', 'c.process_id'].map(column).concat(q.month);
    /** Rows in one order: the engines group them in no particular one. */
    const sorted = <T>(rows: T[]) =>
      rows.map((r) => JSON.stringify(r)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const same = async <T>(
      label: string,
      agent: string,
      read: (r: typeof lite, q: typeof lq, group: SqlExpr) => Promise<T[]>,
    ) => {
      const [lg, pgs] = [groups(agent)(lq), groups(agent)(pq)];
      let rows = 0;
      for (const [i, group] of lg.entries()) {
        const expected = sorted(await read(lite, lq, group));
        expect([label, group.expr, sorted(await read(pg, pq, pgs[i]!))]).toEqual([
          label,
          group.expr,
          expected,
        ]);
        rows += expected.length;
      }
      expect(rows, label).toBeGreaterThan(0);
    };
    const at = new Date(now);
    await same('cases', 'c.assignee_id', (r, q, g) => r.resultCaseCounts(g, q.filter));
    await same('promises', 'c.assignee_id', (r, q, g) => r.resultPromiseCounts(g, q.filter, at));
    await same('answers', 'c.assignee_id', (r, q, g) => r.resultAnswerCounts(g, q.filter));
    await same('ratings', 'qr.agent_id', (r, q, g) =>
      r.processRatingCounts(g, q.filter, SCORE_COUNTS),
    );
    await same('replies', 'i.staff_id', (r, q, g) => r.processReplyCounts(g, q.filter));
    // A case's time is split per agent exactly when the breakdown is by agent (quality-effort).
    for (const options of [
      { splitByAgent: false, groupBy: 'groupAndType' },
      { splitByAgent: true, groupBy: 'groupAndType' },
      { splitByAgent: true, groupBy: 'type' },
    ] as const) {
      const agent = options.splitByAgent ? 'i.staff_id' : 'c.assignee_id';
      await same(`effort ${JSON.stringify(options)}`, agent, (r, q, g) =>
        r.effortCounts(g, q.filter, options),
      );
    }
    const quadrant = sorted(await lite.quadrantRows(lq.filter, lq.late, CASE_SCORE_MARGIN_SQL));
    expect(quadrant.length).toBeGreaterThan(1);
    expect(sorted(await pg.quadrantRows(pq.filter, pq.late, CASE_SCORE_MARGIN_SQL))).toEqual(
      quadrant,
    );
    expect(sorted(await pg.handleTargets())).toEqual(sorted(await lite.handleTargets()));
    for (const table of ['teams', 'staff_users', 'processes'] as const) {
      const ids = l.$client.prepare(`SELECT id FROM ${table}`).pluck().all() as number[];
      expect(sorted(await pg.namesByIds(table, ids))).toEqual(
        sorted(await lite.namesByIds(table, ids)),
      );
    }
  });
});
