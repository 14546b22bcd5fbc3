/**
 * The queue's CSV export: every row of the filtered, scoped list (not just a page), the drill-down's
 * columns, formula-looking cells neutralised.
 */
import { drillDownCsvText } from '../supervision/drill-down';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { parseCaseQuery, type CaseQueryInput } from '@/lib/validation/case-query';
import type { Actor } from '../core/actor';
import { applyCaseAction } from './apply-case-action';
import { exportCases } from './export-cases';
import { listCases } from './list-cases';
import { DRILL_DOWN_CSV_COLUMNS } from '../supervision/drill-down';
import {
  bogota,
  captureAppError,
  customerActor,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { parseCsv } from '../testing/parse-csv';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

// PostgreSQL reads the export in keyset pages of 1,000; pages of 7 here make a few dozen cases
// cross several pages, each starting after the last row of the one before.
vi.mock('@/db/pg/export-streams', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/db/pg/export-streams')>();
  return {
    ...real,
    drillDownExportRows: (...[db, where]: Parameters<typeof real.drillDownExportRows>) =>
      real.drillDownExportRows(db, where, 7),
  };
});

const NOW = bogota('2026-03-20T10:00:00');
const HEADER = DRILL_DOWN_CSV_COLUMNS.map((c) => `h:${c}`);

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

let minute = 0;
/** A case filed (a minute apart, so the order is known) and, if `takenBy`, taken into that agent's team. */
async function file(
  subject: string,
  takenBy?: Actor,
  typeCode: 'R' | 'Q' | 'P' = 'R',
): Promise<string> {
  minute += 1;
  const at = new Date(bogota('2026-03-02T08:00:00').getTime() + minute * 60_000);
  const { id, radicado } = await fileCase(db, { subject, typeCode }, at);
  if (takenBy) await applyCaseAction(makeCtx(db, takenBy, at), { caseId: id, action: 'take' });
  return radicado;
}

const query = (input: CaseQueryInput) => ({ ...parseCaseQuery({}), ...input });

async function exported(actor: Actor, input: CaseQueryInput) {
  const response = await exportCases(makeCtx(db, actor, NOW), query(input), {
    text: { ...drillDownCsvText('es', 'America/Bogota'), header: HEADER },
    filename: 'casos.csv',
  });
  const [header, ...rows] = parseCsv(await response.text());
  expect(header).toEqual(HEADER);
  return rows;
}

/** Every row of the queue, page after page of 10, as the screen would show them. */
async function listed(actor: Actor, input: CaseQueryInput): Promise<string[]> {
  const radicados: string[] = [];
  for (let page = 1; ; page++) {
    const list = await listCases(makeCtx(db, actor, NOW), query({ ...input, page, pageSize: 10 }));
    radicados.push(...list.rows.map((r) => r.radicado));
    if (page * 10 >= list.total) return radicados;
  }
}

describe('the queue export', () => {
  it('holds every row of the filtered list, all pages, within the agent’s scope', async () => {
    const mine = await Promise.all(
      Array.from({ length: 22 }, (_, i) => file(`Reclamo de mi equipo ${i}`, fx.agent)),
    );
    const pool = [await file('Sin asignar 1'), await file('Sin asignar 2')];
    const queja = await file('Queja de mi equipo', fx.agent, 'Q');
    const others = [
      await file('Otro equipo 1', fx.otherAgent),
      await file('Otro equipo 2', fx.otherAgent),
    ];

    const all = await listed(fx.agent, { queue: 'all' });
    expect(all).toHaveLength(25);
    const rows = await exported(fx.agent, { queue: 'all' });
    expect(rows.map((r) => r[0]).sort()).toEqual([...all].sort());
    expect(rows.map((r) => r[0]).sort()).toEqual([...mine, ...pool, queja].sort());
    for (const radicado of others) expect(rows.map((r) => r[0])).not.toContain(radicado);

    const reclamos = await exported(fx.agent, { queue: 'team', type: ['R'] });
    expect(reclamos.map((r) => r[0]).sort()).toEqual([...mine].sort());
    expect((await listed(fx.agent, { queue: 'team', type: ['R'] })).sort()).toEqual(
      [...mine].sort(),
    );

    // Newest first, like the drill-down.
    expect(rows[0]![0]).toBe(queja);
  });

  it('holds every row once and newest first across pages, cases received at one instant too', async () => {
    const at = new Date(bogota('2026-03-02T08:00:00').getTime() + 1_000 * 60_000);
    const sameInstant: string[] = [];
    for (let i = 0; i < 16; i += 1)
      sameInstant.push((await fileCase(db, { subject: `A la vez ${i}` }, at)).radicado);
    const spread = [];
    for (let i = 0; i < 9; i += 1) spread.push(await file(`Uno tras otro ${i}`));
    const rows = (await exported(fx.supervisor, { queue: 'all' })).map((r) => r[0]);
    expect([...rows].sort()).toEqual([...sameInstant, ...spread].sort());
    // The queue's own newest-first order, ties by id: what a reader of the screen sees.
    expect(rows).toEqual(
      await listed(fx.supervisor, { queue: 'all', sort: 'received', dir: 'desc' }),
    );
  });

  it('gives supervisors every case, other teams included', async () => {
    const ours = await file('Nuestro', fx.agent);
    const theirs = await file('De otro equipo', fx.otherAgent);
    const rows = await exported(fx.supervisor, { queue: 'all' });
    expect(rows.map((r) => r[0]).sort()).toEqual([ours, theirs].sort());
    expect(await exported(fx.supervisor, { queue: 'all', teamId: fx.otherTeamId })).toHaveLength(1);
  });

  it('writes the drill-down’s columns and neutralises formula-looking subjects', async () => {
    const radicado = await file('=HYPERLINK("http://malo.example","clic")', fx.agent);
    await file('+57 300 000 0000', fx.agent);
    const rows = await exported(fx.agent, { queue: 'mine' });
    const row = rows.find((r) => r[0] === radicado)!;
    expect(Object.fromEntries(DRILL_DOWN_CSV_COLUMNS.map((c, i) => [c, row[i]]))).toMatchObject({
      radicado,
      // Labels in the reader's language, never the stored codes (R, web, en_tramite).
      type: 'Reclamo',
      channel: 'Formulario web',
      state: 'En trámite',
      // Local date and time in the organisation's zone (8 a.m. in Bogotá, not 13:00 UTC).
      receivedAt: expect.stringMatching(/^2026-03-02 08:\d{2}$/),
      subject: `'=HYPERLINK("http://malo.example","clic")`,
      // Filed Monday 2 March: day 15 is Tuesday 24 March (23 March is San José).
      dueDate: '2026-03-24',
      firstAnsweredAt: '',
      reopenCount: '0',
      assignee: 'agente',
      team: 'Facturación',
    });
    expect(rows.map((r) => r[4])).toContain("'+57 300 000 0000");
  });

  it('is for staff only', async () => {
    expect(
      (
        await captureAppError(
          async () =>
            await exportCases(makeCtx(db, customerActor(1)), query({ queue: 'all' }), {
              text: drillDownCsvText('es', 'America/Bogota'),
              filename: 'x.csv',
            }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
});
