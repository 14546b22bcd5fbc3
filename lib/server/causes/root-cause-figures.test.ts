/**
 * Every figure of the root-cause view on the hand-built dataset of root-cause-dataset.ts, worked
 * out by hand. Weeks start on Monday, local time (Bogotá).
 */
import { drillDownCsvText } from '../supervision/drill-down';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { parseAnalyticsQuery } from '@/lib/validation/analytics-query';
import { caseRow, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '../core/context';
import { causeCasesCsv, listCauseCases } from './cause-cases';
import {
  buildRootCauseDataset,
  NOW,
  PERIOD,
  type RootCaseDataset,
} from '../testing/root-cause-dataset';
import { rootCauseView, weekStarts, type CauseFigures } from './root-cause-figures';

const TZ = 'America/Bogota';
let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let data: RootCaseDataset;

beforeAll(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  data = await buildRootCauseDataset(db, fx);
}, 60_000);
afterAll(() => cleanup());

const query = (extra: Record<string, string> = {}) =>
  parseAnalyticsQuery({ ...PERIOD, ...extra }, '2026-04-20');
/** A supervisor's context at NOW. */
const asSupervisor = () => makeCtx(db, fx.supervisor, NOW);
const byProcess = (extra?: Record<string, string>) =>
  rootCauseView(asSupervisor(), { query: query(extra), timeZone: TZ, level: { by: 'process' } });

/** The figures a row must show, with the derived shares checked against their parts. */
function expectRow(row: CauseFigures | undefined, expected: Partial<CauseFigures>) {
  expect(row).toBeDefined();
  expect(row).toMatchObject(expected);
}

describe('complaints by originating process', () => {
  it('counts Quejas and Reclamos of the period per process, in Pareto order, "sin proceso" last', async () => {
    const { rows, total } = await byProcess();
    expect(rows.map((r) => [r.name, r.cases, r.share, r.cumulativeShare])).toEqual([
      ['Instalación', 10, 10 / 20, 10 / 20],
      ['Facturación', 6, 6 / 20, 16 / 20],
      ['Entregas', 2, 2 / 20, 18 / 20],
      [null, 2, 2 / 20, 1],
    ]);
    expect(rows[3]!.id).toBeNull();
    // The Petición, the merged duplicate and the February Reclamo are not counted.
    expect(total.cases).toBe(20);
  });

  it('averages business days to the first answer, across San José and Holy Week', async () => {
    const { rows, total } = await byProcess();
    const [instalacion, facturacion, entregas, none] = rows;
    expectRow(instalacion, { answeredWithDays: 10, avgAnswerDays: 4 });
    // 16 (a1: late, across both holidays) + 5 (a2, first answer) + 5 (a3, San José skipped) + 2 (a4).
    expectRow(facturacion, { answeredWithDays: 4, avgAnswerDays: 28 / 4 });
    expectRow(entregas, { answeredWithDays: 1, avgAnswerDays: 6 });
    expectRow(none, { answeredWithDays: 0, avgAnswerDays: null });
    expectRow(total, { answeredWithDays: 15, avgAnswerDays: 74 / 15 });
  });

  it('counts late: answered after the due date, or open, unanswered and past it', async () => {
    const { rows, total } = await byProcess();
    const [instalacion, facturacion, entregas, none] = rows;
    expectRow(instalacion, { late: 0, lateBase: 10, lateShare: 0 });
    // a1 answered late; a6 open past its 15 April due date; a5 not due yet is left out.
    expectRow(facturacion, { late: 2, lateBase: 5, lateShare: 2 / 5 });
    expectRow(entregas, { late: 0, lateBase: 1, lateShare: 0 });
    expectRow(none, { late: 1, lateBase: 1, lateShare: 1 });
    expectRow(total, { late: 3, lateBase: 17, lateShare: 3 / 17 });
  });

  it('counts reopened complaints and repeat contacts (a merged duplicate is one)', async () => {
    const { rows, total } = await byProcess();
    expectRow(rows[1], {
      reopened: 1,
      reopenedShare: 1 / 6,
      repeatContacts: 2,
      withRepeatContacts: 1,
    });
    expectRow(rows[0], { reopened: 0, reopenedShare: 0, repeatContacts: 0 });
    expectRow(total, { reopened: 1, repeatContacts: 2, withRepeatContacts: 1 });
  });

  it('shares of dissatisfied customers: "no" among rated; flagged only above 10 %', async () => {
    const { rows } = await byProcess();
    const [instalacion, facturacion, entregas, none] = rows;
    expectRow(instalacion, {
      rated: 10,
      dissatisfied: 1,
      dissatisfiedShare: 0.1,
      isFlagged: false,
    });
    expectRow(facturacion, { rated: 4, dissatisfied: 1, dissatisfiedShare: 0.25, isFlagged: true });
    expectRow(entregas, { rated: 0, dissatisfied: 0, dissatisfiedShare: null, isFlagged: false });
    expectRow(none, { rated: 0, isFlagged: false });
  });

  it('buckets the weekly trend by local Monday (a Sunday 23:00 filing stays in its week)', async () => {
    expect(weekStarts('2026-03-04', '2026-03-16')).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
    const { trend } = await byProcess();
    expect(trend.weeks).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
      '2026-04-06',
      '2026-04-13',
    ]);
    expect(trend.series.map((s) => [s.name, s.counts])).toEqual([
      ['Instalación', [0, 10, 0, 0, 0, 0, 0]],
      ['Facturación', [0, 2, 3, 0, 0, 1, 0]],
      ['Entregas', [1, 0, 0, 0, 1, 0, 0]],
    ]);
  });

  it('buckets by the local Monday in a zone with summer time too (New York, from 8 March)', async () => {
    const { trend } = await rootCauseView(asSupervisor(), {
      query: query(),
      timeZone: 'America/New_York',
      level: { by: 'process' },
    });
    // a6, Sunday 22 March 23:00 in Bogotá, is already Monday 23 March 00:00 in New York.
    expect(trend.series.find((s) => s.name === 'Facturación')?.counts).toEqual([
      0, 2, 2, 1, 0, 1, 0,
    ]);
  });

  it('applies the agent and channel filters', async () => {
    const mine = await byProcess({ agentId: String(fx.otherAgent.id) });
    expect(mine.rows.map((r) => [r.name, r.cases])).toEqual([
      ['Entregas', 1],
      ['Facturación', 1],
    ]);
    expect((await byProcess({ channel: 'email' })).rows).toEqual([]);
  });
});

describe('drill-down to root causes and cases', () => {
  it('gives the same figures per root cause of one process', async () => {
    const { rows, trend } = await rootCauseView(asSupervisor(), {
      query: query(),
      timeZone: TZ,
      level: { by: 'rootCause', processId: fx.processId },
    });
    expect(rows.map((r) => [r.name, r.cases, r.share, r.cumulativeShare])).toEqual([
      ['Cobro doble', 3, 0.5, 0.5],
      ['Tarifa errada', 3, 0.5, 1],
    ]);
    expectRow(rows[0], {
      avgAnswerDays: 21 / 2,
      late: 1,
      lateBase: 2,
      reopened: 1,
      repeatContacts: 2,
      rated: 2,
      dissatisfied: 1,
      dissatisfiedShare: 0.5,
      isFlagged: true,
    });
    expectRow(rows[1], {
      avgAnswerDays: 7 / 2,
      late: 1,
      lateBase: 3,
      reopened: 0,
      rated: 2,
      dissatisfied: 0,
      isFlagged: false,
    });
    expect(trend.series.map((s) => [s.name, s.counts])).toEqual([
      ['Cobro doble', [0, 2, 0, 0, 0, 1, 0]],
      ['Tarifa errada', [0, 0, 3, 0, 0, 0, 0]],
    ]);
  });

  it('lists the cases of a cause, and those with no process yet', async () => {
    const radicadosOf = async (pick: Parameters<typeof listCauseCases>[1]['pick']) =>
      (await listCauseCases(asSupervisor(), { query: query(), timeZone: TZ, pick, page: 1 })).rows
        .map((r) => r.id)
        .sort((x, y) => x - y);
    const { a1, a2, a5, n1, n2 } = data.ids;
    expect(await radicadosOf({ processId: fx.processId, rootCauseId: fx.rootCauseIds[0] })).toEqual(
      [a1, a2, a5],
    );
    expect(await radicadosOf({ processId: 'none', rootCauseId: undefined })).toEqual([n1, n2]);
    expect(
      await radicadosOf({ processId: data.instalacionId, rootCauseId: undefined }),
    ).toHaveLength(10);
  });

  it('exports the same cases as CSV', async () => {
    const { a1, a2, a5 } = data.ids;
    const csv = await (
      await causeCasesCsv(asSupervisor(), {
        text: { ...drillDownCsvText('es', TZ), header: ['Radicado'] },
        query: query(),
        timeZone: TZ,
        pick: { processId: fx.processId, rootCauseId: fx.rootCauseIds[0] },
      })
    ).text();
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('Radicado');
    const radicados = lines.slice(1).map((l) => l.split(',')[0]);
    const expected = await Promise.all(
      [a5, a2, a1].map(async (id) => (await caseRow(db, id)).radicado),
    );
    expect(radicados).toEqual(expected);
  });
});
