/**
 * The drill-down behind every supervisor figure: the cases a view's filter (plus a figure's own
 * condition) selects, counted, newest first, one page at a time, each row with its names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { parseAnalyticsQuery } from '@/lib/validation/analytics-query';
import { makeCtx } from '../core/context';
import { applyCaseAction } from '../cases/apply-case-action';
import {
  answerCase,
  bogota,
  caseRow,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { DRILL_DOWN_PAGE_SIZE, listDrillDown } from './drill-down';
import { caseFilterSql } from './filters';

const TZ = 'America/Bogota';
/** Fifty complaints filed on Tuesday 3 March, a minute apart: with the two below, two pages. */
const BULK = 50;

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let answered: number;
let waiting: number;
let bulk: number[];

beforeAll(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  // Before the period: never listed.
  await fileCase(db, { typeCode: 'R' }, bogota('2026-02-27T10:00:00'));
  bulk = [];
  for (let i = 0; i < BULK; i++) {
    const at = bogota(
      `2026-03-03T${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
    );
    bulk.push((await fileCase(db, { typeCode: 'R' }, at)).id);
  }
  answered = (await fileCase(db, { typeCode: 'R' }, bogota('2026-03-09T10:00:00'))).id;
  const agent = makeCtx(db, fx.agent, bogota('2026-03-10T09:00:00'));
  await applyCaseAction(agent, { caseId: answered, action: 'take' });
  await applyCaseAction(agent, {
    caseId: answered,
    action: 'reclassify',
    processId: fx.processId,
    rootCauseId: fx.rootCauseIds[0],
  });
  await answerCase(db, answered, fx.agent, bogota('2026-03-12T11:00:00'));
  waiting = (await fileCase(db, { typeCode: 'Q' }, bogota('2026-03-16T09:30:00'))).id;
}, 60_000);
afterAll(() => cleanup());

const march = () =>
  caseFilterSql(parseAnalyticsQuery({ from: '2026-03-01', to: '2026-03-31' }, '2026-04-01'), TZ);

describe('the drill-down list', () => {
  it('counts the matching cases and lists them newest first, fifty a page', async () => {
    const first = await listDrillDown(db, march(), undefined, 1);
    expect(first).toMatchObject({ total: BULK + 2, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(DRILL_DOWN_PAGE_SIZE);
    expect(first.rows.slice(0, 3).map((r) => r.id)).toEqual([waiting, answered, bulk.at(-1)]);
    const second = await listDrillDown(db, march(), undefined, 2);
    expect(second.rows.map((r) => r.id)).toEqual([bulk[1], bulk[0]]);
    // Past the last page, the last page; before the first, the first.
    expect((await listDrillDown(db, march(), undefined, 9)).page).toBe(2);
    expect((await listDrillDown(db, march(), undefined, 0)).rows[0]!.id).toBe(waiting);
  });

  it('adds a figure’s own condition with its bound values', async () => {
    const quejas = await listDrillDown(db, march(), { where: 'c.type_code = ?', params: ['Q'] }, 1);
    expect(quejas).toMatchObject({ total: 1, pageCount: 1 });
    expect(quejas.rows.map((r) => r.id)).toEqual([waiting]);
    const none = await listDrillDown(db, march(), { where: 'c.process_id = ?', params: [0] }, 3);
    expect(none).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1 });
  });

  it('gives each case its figures and names; instants as epoch milliseconds', async () => {
    const { rows } = await listDrillDown(db, march(), undefined, 1);
    const row = rows.find((r) => r.id === answered)!;
    const stored = await caseRow(db, answered);
    expect(row).toEqual({
      id: answered,
      radicado: stored.radicado,
      typeCode: 'R',
      channel: 'web',
      state: 'respondida',
      subject: 'Cobro doble en la factura',
      receivedAt: bogota('2026-03-09T10:00:00').getTime(),
      dueDate: stored.dueDate,
      firstAnsweredAt: bogota('2026-03-12T11:00:00').getTime(),
      answeredOnTime: 1,
      answerBusinessDays: 3,
      reopenCount: 0,
      repeatContactCount: 0,
      assigneeName: 'agente',
      teamName: 'Facturación',
      processName: 'Facturación',
      rootCauseName: 'Cobro doble',
    });
    expect(rows.find((r) => r.id === waiting)).toMatchObject({
      typeCode: 'Q',
      state: 'radicada',
      firstAnsweredAt: null,
      answeredOnTime: null,
      answerBusinessDays: null,
      assigneeName: null,
      processName: null,
      rootCauseName: null,
    });
  });
});
