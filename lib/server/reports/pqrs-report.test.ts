/**
 * The PQRS report over a hand-built March 2026 (lib/server/testing/report-dataset.ts): every figure is worked
 * out by hand there, across San José (23 March) and Holy Week (2–3 April), with a pause.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { parseReportQuery } from '@/lib/validation/report-query';
import { parseCsv } from '../testing/parse-csv';
import { seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '../core/context';
import { loadPqrsReport, pqrsReportCsv } from './load-report';
import { buildPqrsReport, type ReportFigures } from './pqrs-report';
import { buildReportDataset, REPORT_NOW, REPORT_PERIOD } from '../testing/report-dataset';

const TZ = 'America/Bogota';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

// The month is built through some fifty use-case calls: on PostgreSQL, on a busy machine, that
// can take longer than vitest's 10 s for a hook.
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  await buildReportDataset(db, fx);
}, 30_000);
afterEach(() => cleanup());

const reportFor = (params: Record<string, string> = {}) =>
  buildPqrsReport(
    db,
    parseReportQuery({ ...REPORT_PERIOD, ...params }, '2026-04-24'),
    TZ,
    REPORT_NOW,
  );

const none: ReportFigures = {
  received: 0,
  answered: 0,
  onTime: 0,
  late: 0,
  answeredNoTerm: 0,
  awaitingDelivery: 0,
  averageBusinessDays: null,
  transferred: 0,
  withdrawn: 0,
  denied: 0,
  merged: 0,
  pendingAtEnd: 0,
  openNow: 0,
  overdueNow: 0,
};

describe('the PQRS report for March 2026', () => {
  it('counts the cases received by type and channel, the period’s first and last minutes included', async () => {
    const report = await reportFor();
    expect(report.channels).toEqual(['web', 'email', 'phone', 'walk_in', 'postal', 'social']);
    expect(report.received).toEqual(
      expect.arrayContaining([
        { typeCode: 'P', channel: 'web', count: 1 },
        { typeCode: 'P', channel: 'email', count: 1 },
        { typeCode: 'PD', channel: 'postal', count: 1 },
        { typeCode: 'Q', channel: 'walk_in', count: 1 },
        { typeCode: 'Q', channel: 'web', count: 2 },
        { typeCode: 'R', channel: 'web', count: 4 },
        { typeCode: 'R', channel: 'email', count: 1 },
        { typeCode: 'R', channel: 'phone', count: 1 },
        { typeCode: 'F', channel: 'social', count: 1 },
      ]),
    );
    expect(report.received).toHaveLength(9);
    expect(report.total.received).toBe(13);
  });

  it('gives every figure per type and in total', async () => {
    const report = await reportFor();
    expect(report.byType.map((f) => f.typeCode)).toEqual(['P', 'PD', 'Q', 'R', 'F']);
    const byType = Object.fromEntries(report.byType.map(({ typeCode, ...f }) => [typeCode, f]));
    // P1 answered on day 6 then reopened (open, past its 24 March due date); P2 untouched, due 23 April.
    expect(byType.P).toEqual({
      ...none,
      received: 2,
      answered: 1,
      onTime: 1,
      averageBusinessDays: 6,
      pendingAtEnd: 1,
      openNow: 2,
      overdueNow: 2,
    });
    // Waiting on the petitioner: open, but its clock is stopped, so never overdue.
    expect(byType.PD).toEqual({ ...none, received: 1, pendingAtEnd: 1, openNow: 1 });
    expect(byType.Q).toEqual({
      ...none,
      received: 3,
      answered: 1,
      onTime: 1,
      averageBusinessDays: 4,
      withdrawn: 1,
      denied: 1,
      merged: 1,
    });
    // 6, 16 and 15 business days: 37 / 3. R2 and R3 were answered, and R6 transferred, after 31 March.
    expect(byType.R).toEqual({
      ...none,
      received: 6,
      answered: 3,
      onTime: 2,
      late: 1,
      averageBusinessDays: 12.3,
      transferred: 2,
      denied: 1,
      pendingAtEnd: 4,
      openNow: 1,
      overdueNow: 1,
    });
    expect(byType.F).toEqual({ ...none, received: 1, answered: 1, answeredNoTerm: 1 });
    // (6 + 4 + 6 + 16 + 15) / 5 = 9.4
    expect(report.total).toEqual({
      received: 13,
      answered: 6,
      onTime: 4,
      late: 1,
      answeredNoTerm: 1,
      awaitingDelivery: 0,
      averageBusinessDays: 9.4,
      transferred: 2,
      withdrawn: 1,
      denied: 2,
      merged: 1,
      pendingAtEnd: 6,
      openNow: 4,
      overdueNow: 3,
    });
  });

  it('lists the main causes of complaints, unclassified ones last, and the period’s problems', async () => {
    const report = await reportFor();
    expect(report.complaints).toBe(9);
    expect(report.causes.map((c) => [c.processName, c.rootCauseName, c.count])).toEqual([
      ['Facturación', 'Cobro doble', 3],
      ['Entregas', 'Retraso', 1],
      ['Facturación', 'Tarifa errada', 1],
      [null, null, 4],
    ]);
    expect(
      report.problems.map((p) => [
        p.title,
        p.status,
        p.correctiveAction,
        p.ownerName,
        p.linkedCases,
      ]),
    ).toEqual([
      [
        'Cobro doble en facturación',
        'in_progress',
        'Validar lecturas antes de facturar',
        'supervisora',
        3,
      ],
      ['Entregas tardías en bodega norte', 'resolved', 'Segundo turno de despacho', null, 1],
    ]);
  });

  it('applies the team, type and channel filters', async () => {
    const team = await reportFor({ teamId: String(fx.otherTeamId) });
    expect(team.received).toEqual([
      { typeCode: 'Q', channel: 'walk_in', count: 1 },
      { typeCode: 'R', channel: 'web', count: 1 },
    ]);
    expect(team.total).toMatchObject({ received: 2, onTime: 1, transferred: 1, pendingAtEnd: 1 });
    const reclamosWeb = await reportFor({ type: 'R', channel: 'web' });
    expect(reclamosWeb.total).toMatchObject({
      received: 4,
      onTime: 2,
      late: 0,
      averageBusinessDays: 10.5,
      transferred: 2,
    });
    expect(reclamosWeb.causes.map((c) => c.count)).toEqual([2, 2]);
  });

  it('defaults to the previous calendar month', async () => {
    expect(parseReportQuery({}, '2026-04-24')).toMatchObject(REPORT_PERIOD);
    expect(parseReportQuery({ teamId: '3' }, '2026-01-15')).toMatchObject({
      from: '2025-12-01',
      to: '2025-12-31',
      teamId: 3,
    });
  });
});

describe('the report as CSV', () => {
  async function csvRows(locale: 'es' | 'en', params: Record<string, string> = {}) {
    const loaded = await loadPqrsReport(
      makeCtx(db, fx.supervisor, REPORT_NOW),
      { ...REPORT_PERIOD, ...params },
      { locale },
    );
    const response = pqrsReportCsv(loaded);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toContain(
      'informe-pqrs-2026-03-01-2026-03-31.csv',
    );
    return parseCsv(await response.text());
  }

  it('holds every figure of the page, one per row, with Spanish headers', async () => {
    const rows = await csvRows('es', { type: 'R' });
    expect(rows[0]).toEqual(['Sección', 'Dimensión', 'Medida', 'Valor']);
    const find = (section: string, dimension: string, measure: string) =>
      rows.find((r) => r[0] === section && r[1] === dimension && r[2] === measure)?.[3];
    expect(find('Informe', 'Desde', '')).toBe('2026-03-01');
    expect(find('Informe', 'Hasta', '')).toBe('2026-03-31');
    expect(find('Informe', 'Tipo', '')).toBe('Reclamo');
    expect(find('Informe', 'Equipo', '')).toBe('Todos');
    expect(find('Recibidos por tipo y canal', 'Reclamo', 'Formulario web')).toBe('4');
    expect(find('Recibidos por tipo y canal', 'Total', 'Total')).toBe('6');
    expect(find('Respondidos a tiempo y tarde', 'Reclamo', 'Tarde')).toBe('1');
    expect(find('Respondidos a tiempo y tarde', 'Reclamo', '% a tiempo')).toBe('66.7');
    expect(find('Tiempo promedio de respuesta', 'Reclamo', 'Promedio (días hábiles)')).toBe('12.3');
    const outcomes = 'Trasladados, desistidos, negados y fusionados';
    expect(find(outcomes, 'Reclamo', 'Trasladados')).toBe('2');
    expect(find(outcomes, 'Reclamo', 'Negados')).toBe('1');
    expect(find('Casos abiertos', 'Total', 'Pendientes al cierre del periodo')).toBe('4');
    expect(find('Casos abiertos', 'Total', 'Vencidos hoy')).toBe('1');
    const causes = 'Causas principales de quejas y reclamos';
    expect(find(causes, 'Facturación › Cobro doble', 'Quejas y reclamos')).toBe('3');
    expect(find(causes, 'Sin clasificar', '% del total')).toBe('33.3');
    const problem = 'Cobro doble en facturación';
    expect(find('Acciones correctivas', problem, 'Estado')).toBe('En curso');
    expect(find('Acciones correctivas', problem, 'Casos vinculados')).toBe('3');
    expect(find('Acciones correctivas', problem, 'Responsable')).toBe('supervisora');
    expect(rows.every((r) => r.length === 4)).toBe(true);
  });

  it('speaks English when the user does', async () => {
    const rows = await csvRows('en');
    expect(rows[0]).toEqual(['Section', 'Dimension', 'Measure', 'Value']);
    expect(rows).toContainEqual(['Received by type and channel', 'Total', 'Total', '13']);
    expect(rows).toContainEqual([
      'Average time to answer',
      'Total',
      'Average (business days)',
      '9.4',
    ]);
  });
});
