/**
 * A hand-built month for the PQRS report (March 2026, Bogotá), made through the real use cases
 * with backdated `now`. Colombian holidays: 23 March (San José), 2 and 3 April (Holy Week). Every
 * figure the report should show is worked out in the comments; the integration test and the e2e
 * spec assert them.
 */
import { deliverAnswer } from './deliveries';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { problemCases, problems } from '@/db/tables';
import { mapInOrder } from '../core/in-order';
import type { CaseType, Channel } from '@/lib/domain/enums';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { bogota, fileCase, type Fixture } from './fixtures';
import { makeCtx } from '@/lib/server/core/context';

export /** When the report is read: Friday 24 April 2026, noon. */
const REPORT_NOW = bogota('2026-04-24T12:00:00');
export const REPORT_PERIOD = { from: '2026-03-01', to: '2026-03-31' } as const;

export interface ReportDataset {
  ids: Record<string, number>;
  radicados: Record<string, string>;
}

export async function buildReportDataset(db: Conn, fx: Fixture): Promise<ReportDataset> {
  const ids: Record<string, number> = {};
  const radicados: Record<string, string> = {};
  const file = async (key: string, typeCode: CaseType, channel: Channel, at: string) => {
    const created = await fileCase(
      db,
      { typeCode, channel, subject: `Caso ${key} del informe` },
      bogota(at),
    );
    ids[key] = created.id;
    radicados[key] = created.radicado;
    return created.id;
  };
  const act = async (id: number, input: unknown, actor: Actor, at: string) =>
    await applyCaseAction(makeCtx(db, actor, bogota(at)), { caseId: id, ...(input as object) });
  // Each answer reaches the petitioner as it is sent (the legal result waits for delivery).
  const answer = async (id: number, decision: string, at: string, actor: Actor = fx.agent) => {
    await act(id, { action: 'answer', body: 'Respuesta de fondo al caso.', decision }, actor, at);
    await deliverAnswer(db, id, bogota(at));
  };
  const close = async (
    id: number,
    processId: number,
    rootCauseId: number,
    at: string,
    actor = fx.agent,
  ) => await act(id, { action: 'close', processId, rootCauseId }, actor, at);
  const [cobroDoble, tarifaErrada] = fx.rootCauseIds;

  // Outside the period, on either side of it.
  await file('before', 'P', 'web', '2026-02-28T23:59:00');
  await file('after', 'P', 'web', '2026-04-01T00:00:00');

  // Reclamos filed Friday 13 March 16:30: due Wednesday 8 April (day 1 = 16 March).
  // R1: paused 18→26 March, answered 31 March: 6 business days, on time.
  const r1 = await file('R1', 'R', 'web', '2026-03-13T16:30:00');
  await act(r1, { action: 'take' }, fx.agent, '2026-03-16T09:00:00');
  await act(
    r1,
    { action: 'request_info', body: 'Adjunte la factura.' },
    fx.agent,
    '2026-03-18T10:00:00',
  );
  await act(
    r1,
    { action: 'provide_info', body: 'Aquí está.' },
    SYSTEM_ACTOR,
    '2026-03-26T09:00:00',
  );
  await answer(r1, 'concede', '2026-03-31T10:00:00');
  await close(r1, fx.processId, cobroDoble, '2026-04-01T09:00:00');
  // R2: answered 9 April (day 16 across San José and Holy Week): late, denied.
  const r2 = await file('R2', 'R', 'email', '2026-03-13T16:30:00');
  await act(r2, { action: 'take' }, fx.agent, '2026-03-16T09:00:00');
  await answer(r2, 'niega', '2026-04-09T08:00:00');
  await close(r2, fx.processId, tarifaErrada, '2026-04-10T09:00:00');
  // R3: answered on the due date itself, after the period: 15 days, on time, pending at period end.
  const r3 = await file('R3', 'R', 'web', '2026-03-13T16:30:00');
  await act(r3, { action: 'take' }, fx.agent, '2026-03-16T09:00:00');
  await answer(r3, 'concede_parcial', '2026-04-08T23:59:00');
  await close(r3, fx.processId, cobroDoble, '2026-04-09T09:00:00');
  // R4: filed Monday 30 March, due 22 April; still in progress: open and overdue now.
  const r4 = await file('R4', 'R', 'phone', '2026-03-30T10:00:00');
  await act(r4, { action: 'take' }, fx.agent, '2026-03-30T11:00:00');
  await act(
    r4,
    { action: 'reclassify', processId: fx.processId, rootCauseId: cobroDoble },
    fx.agent,
    '2026-03-30T11:05:00',
  );
  // R5: transferred within the period. R6 (other team): transferred after it, so pending at its end.
  const r5 = await file('R5', 'R', 'web', '2026-03-20T08:00:00');
  const transfer = {
    action: 'transfer',
    destination: 'Superintendencia',
    reason: 'No es competencia.',
  };
  await act(r5, transfer, fx.agent, '2026-03-24T10:00:00');
  const r6 = await file('R6', 'R', 'web', '2026-03-25T08:00:00');
  await act(r6, { action: 'take' }, fx.otherAgent, '2026-03-25T09:00:00');
  await act(r6, transfer, fx.otherAgent, '2026-04-06T10:00:00');

  // Quejas. Q1 (other team, walk-in): answered on day 4, denied. Q2 withdrawn; Q3 merged into R4.
  const q1 = await file('Q1', 'Q', 'walk_in', '2026-03-16T10:00:00');
  await act(q1, { action: 'take' }, fx.otherAgent, '2026-03-16T11:00:00');
  await answer(q1, 'niega', '2026-03-20T15:00:00', fx.otherAgent);
  await close(q1, fx.otherProcessId, fx.otherRootCauseId, '2026-03-21T09:00:00', fx.otherAgent);
  const q2 = await file('Q2', 'Q', 'web', '2026-03-27T09:00:00');
  await act(
    q2,
    { action: 'withdraw', reason: 'Ya no lo necesito.' },
    fx.agent,
    '2026-03-30T09:00:00',
  );
  const q3 = await file('Q3', 'Q', 'web', '2026-03-26T09:00:00');
  await act(q3, { action: 'merge', targetCaseId: r4 }, fx.agent, '2026-03-27T09:00:00');

  // Peticiones. P1: answered 10 March (day 6), reopened 1 April: open, and overdue (due 24 March).
  const p1 = await file('P1', 'P', 'email', '2026-03-02T09:00:00');
  await act(p1, { action: 'take' }, fx.agent, '2026-03-02T10:00:00');
  await answer(p1, 'concede', '2026-03-10T10:00:00');
  await act(
    p1,
    { action: 'reopen', reason: 'Faltó un documento.' },
    fx.agent,
    '2026-04-01T10:00:00',
  );
  // P2: the last evening of the period, never touched: due 23 April, overdue now.
  await file('P2', 'P', 'web', '2026-03-31T23:30:00');

  // PD1: waiting on the petitioner since 6 March (clock paused: open, not overdue).
  const pd1 = await file('PD1', 'PD', 'postal', '2026-03-05T09:00:00');
  await act(pd1, { action: 'take' }, fx.agent, '2026-03-05T10:00:00');
  await act(
    pd1,
    { action: 'request_info', body: 'Indique el año.' },
    fx.agent,
    '2026-03-06T10:00:00',
  );

  // F1: a compliment answered (no legal term: neither on time nor late, no business days).
  const f1 = await file('F1', 'F', 'social', '2026-03-18T09:00:00');
  await act(f1, { action: 'take' }, fx.agent, '2026-03-18T10:00:00');
  await answer(f1, 'informa', '2026-03-19T10:00:00');

  // Problems: one in progress for the whole period, one resolved during it, two outside it.
  const problem = async (values: Partial<typeof problems.$inferInsert> & { title: string }) =>
    (await one(db.insert(problems).values(values).returning({ id: problems.id }))).id;
  const link = (problemId: number, caseIds: number[]) =>
    mapInOrder(caseIds, async (caseId) => {
      await db.insert(problemCases).values({ problemId, caseId });
    });
  const inProgress = await problem({
    title: 'Cobro doble en facturación',
    processId: fx.processId,
    rootCauseId: cobroDoble,
    ownerId: fx.supervisor.id,
    correctiveAction: 'Validar lecturas antes de facturar',
    status: 'in_progress',
    createdAt: bogota('2026-03-10T09:00:00'),
  });
  await link(inProgress, [r1, r3, r4]);
  const resolved = await problem({
    title: 'Entregas tardías en bodega norte',
    processId: fx.otherProcessId,
    rootCauseId: fx.otherRootCauseId,
    correctiveAction: 'Segundo turno de despacho',
    status: 'resolved',
    createdAt: bogota('2026-02-01T09:00:00'),
    resolvedAt: bogota('2026-03-25T09:00:00'),
  });
  await link(resolved, [q1]);
  await problem({
    title: 'Resuelto antes del periodo',
    status: 'resolved',
    createdAt: bogota('2026-01-10T09:00:00'),
    resolvedAt: bogota('2026-02-20T09:00:00'),
  });
  await problem({ title: 'Creado después del periodo', createdAt: bogota('2026-04-05T09:00:00') });
  return { ids, radicados };
}
