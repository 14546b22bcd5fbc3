/**
 * The quadrant (on time / late × well / badly treated) on the hand-built dataset: its counts, the
 * cases behind each cell and their CSV, and the whole view that puts the families side by side.
 */
import { drillDownCsvText } from './drill-down';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { parseAnalyticsQuery } from '@/lib/validation/analytics-query';
import { makeCtx } from '../core/context';
import { openTestDb } from '../testing/test-db';
import {
  listQuadrantCases,
  parseQuadrant,
  quadrantCasesCsv,
  quadrantCounts,
  QUADRANTS,
} from './quality-quadrant';
import { scopeOf } from './quality-shared';
import { getQualityView } from './quality-view';
import { buildQualityDataset, VIEW_NOW, type QualityDataset } from '../testing/quality-dataset';

let db: Conn;
let cleanup: () => Promise<void>;
let ds: QualityDataset;

beforeAll(async () => {
  ({ db, cleanup } = await openTestDb());
  ds = await buildQualityDataset(db);
}, 60_000);
afterAll(() => cleanup());

/** The dataset's supervisor asking, at the view's "now" unless told. */
const ctx = (now: Date = VIEW_NOW) => makeCtx(db, ds.fx.supervisor, now);

function query(params: Record<string, string | number> = {}) {
  const raw = { from: '2026-03-01', to: '2026-04-30', ...params };
  return parseAnalyticsQuery(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)])),
    '2026-05-15',
  );
}

describe('the quadrant', () => {
  it('counts one case in each cell; G (no legal term) stays outside', async () => {
    expect(await quadrantCounts(await scopeOf(ctx(), query()))).toEqual({
      on_time_well: 1, // C: its ratings average exactly 4
      on_time_badly: 1, // B: (3 + 2 + 2 + 3 + 2 + 4 + 1) / 7 < 4
      on_time_unrated: 1, // E
      late_well: 1, // A: late, yet (5 + 5 + 5 + 5 + 4 + 5 + 5) / 7 ≥ 4
      late_badly: 1, // F
      late_unrated: 1, // D: not answered and past its due date (27 April)
    });
    expect((await getQualityView(ctx(), query())).outsideQuadrant).toBe(1);
  });

  it('lists exactly the cases of each cell', async () => {
    const members = Object.fromEntries(
      await Promise.all(
        QUADRANTS.map(async (q) => [
          q,
          (await listQuadrantCases(ctx(), { query: query(), quadrant: q, page: 1 })).rows.map(
            (r) => r.radicado,
          ),
        ]),
      ),
    );
    const r = ds.radicados;
    expect(members).toEqual({
      on_time_well: [r.C],
      on_time_badly: [r.B],
      on_time_unrated: [r.E],
      late_well: [r.A],
      late_badly: [r.F],
      late_unrated: [r.D],
    });
  });

  it('a case still open is late only once its due date has passed', async () => {
    const beforeDue = new Date('2026-04-20T17:00:00Z');
    const counts = await quadrantCounts(await scopeOf(ctx(beforeDue), query()));
    expect(counts.late_unrated).toBe(0);
  });

  it('follows the filter: team and agent (the assignee)', async () => {
    const other = await quadrantCounts(await scopeOf(ctx(), query({ teamId: ds.fx.otherTeamId })));
    expect(other).toEqual({
      on_time_well: 1,
      on_time_badly: 0,
      on_time_unrated: 1,
      late_well: 0,
      late_badly: 1,
      late_unrated: 0,
    });
    const lateWell = await listQuadrantCases(ctx(), {
      query: query({ agentId: ds.fx.agent.id }),
      quadrant: 'late_well',
      page: 1,
    });
    expect(lateWell.rows.map((x) => x.radicado)).toEqual([ds.radicados.A]);
    expect(lateWell.total).toBe(1);
  });

  it('downloads a cell’s cases as CSV with the given header', async () => {
    const response = await quadrantCasesCsv(
      ctx(),
      { query: query(), quadrant: 'late_well' },
      { text: { ...drillDownCsvText('es', 'America/Bogota'), header: ['Radicado', 'Tipo'] } },
    );
    expect(response.headers.get('Content-Disposition')).toContain(
      'calidad-late_well-2026-03-01-2026-04-30.csv',
    );
    const lines = (await response.text()).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Radicado,Tipo');
    // Labels, not codes; instants as local date and time in the organisation's zone.
    expect(lines[1]).toMatch(
      new RegExp(
        `^${ds.radicados.A},Reclamo,Formulario web,Respondida,[^,]*,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2},`,
      ),
    );
    expect(lines[1]).toContain(',no,16,'); // answered late, 16 business days
  });

  it('reads only known quadrant names from a URL', async () => {
    expect(parseQuadrant('late_well')).toBe('late_well');
    expect(parseQuadrant('late_well; DROP TABLE cases')).toBeNull();
    expect(parseQuadrant(undefined)).toBeNull();
  });
});
