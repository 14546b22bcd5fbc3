/**
 * A small complaint dataset built by hand through the real use cases (filing, taking, reclassifying,
 * answering, reopening, closing, repeat contacts, merging, the customer's rating), with dates on the
 * Colombian calendar: 23 March 2026 (San José), 2 and 3 April (Holy Week) are holidays.
 *
 * Period 2026-03-02 (Mon) … 2026-04-19 (Sun), seven weeks; "now" is Monday 20 April, 09:00 Bogotá.
 *   Instalación (C, 1 cause): 10 Reclamos filed Mon 9 Mar, answered Fri 13 Mar (4 business days),
 *     rated 9 yes and 1 no: exactly 10 % dissatisfied, NOT flagged.
 *   Facturación (A): a1 R 13 Mar → answered 9 Apr, 16 days, late, closed, rated no   [Cobro doble]
 *                    a2 R 13 Mar → answered 20 Mar, 5 days, reopened, re-answered, yes [Cobro doble]
 *                    a3 Q 16 Mar → answered 24 Mar, 5 days (San José skipped), partly [Tarifa errada]
 *                    a4 Q 16 Mar → answered 18 Mar, 2 days, yes                      [Tarifa errada]
 *                    a5 R 6 Apr, open (other agent), 1 repeat contact + 1 merged duplicate [Cobro doble]
 *                    a6 Q Sun 22 Mar 23:00 local (Mon 04:00 UTC: still the week of 16 Mar),
 *                       open, due 15 Apr: overdue now                                [Tarifa errada]
 *   Entregas (B): b1 R 2 Mar → answered 10 Mar, 6 days; b2 Q 30 Mar, open (other agent), not due.
 *   No process yet: n1 Q 2 Mar untouched (due 24 Mar: overdue); n2 R 13 Apr untouched.
 *   Not counted: a Petición with a process, the merged duplicate (fusionada), a Reclamo of
 *   Facturación filed 27 Feb (before the period).
 */
import { deliverAnswer } from './deliveries';
import type { Conn } from '@/db/client';
import type { ResultAnswer } from '@/lib/domain/enums';
import type { Actor } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { createProcess } from '../admin/create-process';
import { rateCase } from '../portal/rate-case';
import { addRepeatContact } from '../cases/repeat-contact';
import { bogota, customerActor, fileCase, type Fixture } from './fixtures';
import { makeCtx } from '@/lib/server/core/context';

export { bogota };

export const PERIOD = { from: '2026-03-02', to: '2026-04-19' } as const;
export const NOW = bogota('2026-04-20T09:00:00');

const ANSWER = { action: 'answer', body: 'Se reintegró el valor.', decision: 'concede' };

export interface RootCaseDataset {
  instalacionId: number;
  instalacionCauseId: number;
  ids: Record<'a1' | 'a2' | 'a3' | 'a4' | 'a5' | 'a6' | 'b1' | 'b2' | 'n1' | 'n2', number>;
}

export async function buildRootCauseDataset(db: Conn, fx: Fixture): Promise<RootCaseDataset> {
  // An answer reaches the petitioner as it is sent (the legal result waits for delivery).
  const act = async (
    id: number,
    input: { action: string } & Record<string, unknown>,
    actor: Actor,
    at: string,
  ) => {
    await applyCaseAction(makeCtx(db, actor, bogota(at)), { caseId: id, ...input });
    if (input.action === 'answer') await deliverAnswer(db, id, bogota(at));
  };
  const file = async (typeCode: 'Q' | 'R' | 'P', at: string) =>
    (await fileCase(db, { typeCode }, bogota(at))).id;
  const rate = (id: number, result: ResultAnswer, at: string) =>
    rateCase(makeCtx(db, customerActor(id), bogota(at)), {
      caseId: id,
      result,
      courtesy: 4,
      clarity: 4,
    });
  /** Taken by `who`, attributed to a process and cause, optionally answered. */
  const work = async (
    id: number,
    who: Actor,
    processId: number,
    rootCauseId: number,
    takenAt: string,
    answeredAt?: string,
  ) => {
    await act(id, { action: 'take' }, who, takenAt);
    await act(id, { action: 'reclassify', processId, rootCauseId }, who, takenAt);
    if (answeredAt) await act(id, ANSWER, who, answeredAt);
  };

  const installation = await createProcess(makeCtx(db, fx.admin), {
    name: 'Instalación',
    rootCauses: ['Visita fallida'],
  });
  const instalacionCauseId = installation.rootCauseIds[0]!;
  for (let i = 0; i < 10; i++) {
    const id = await file('R', `2026-03-09T10:${String(i).padStart(2, '0')}:00`);
    await work(
      id,
      fx.agent,
      installation.id,
      instalacionCauseId,
      '2026-03-10T09:00:00',
      '2026-03-13T10:00:00',
    );
    await rate(id, i === 0 ? 'no' : i % 2 ? 'yes' : 'partly', '2026-03-14T10:00:00');
  }

  const [cobro, tarifa] = fx.rootCauseIds;
  const A = fx.processId;
  const a1 = await file('R', '2026-03-13T16:30:00');
  await work(a1, fx.agent, A, cobro, '2026-03-16T09:00:00', '2026-04-09T08:00:00');
  await act(a1, { action: 'close' }, fx.agent, '2026-04-10T09:00:00');
  await rate(a1, 'no', '2026-04-10T10:00:00');

  const a2 = await file('R', '2026-03-13T16:40:00');
  await work(a2, fx.agent, A, cobro, '2026-03-16T09:00:00', '2026-03-20T10:00:00');
  await act(
    a2,
    { action: 'reopen', reason: 'Faltó reintegrar un cobro.' },
    fx.agent,
    '2026-03-25T09:00:00',
  );
  await act(a2, ANSWER, fx.agent, '2026-03-26T09:00:00');
  await rate(a2, 'yes', '2026-03-27T09:00:00');

  const a3 = await file('Q', '2026-03-16T09:00:00');
  await work(a3, fx.agent, A, tarifa, '2026-03-16T10:00:00', '2026-03-24T10:00:00');
  await rate(a3, 'partly', '2026-03-25T10:00:00');

  const a4 = await file('Q', '2026-03-16T09:10:00');
  await work(a4, fx.agent, A, tarifa, '2026-03-16T10:00:00', '2026-03-18T10:00:00');
  await rate(a4, 'yes', '2026-03-19T10:00:00');

  const a5 = await file('R', '2026-04-06T09:00:00');
  await work(a5, fx.otherAgent, A, cobro, '2026-04-06T10:00:00');
  await addRepeatContact(makeCtx(db, fx.otherAgent, bogota('2026-04-08T09:00:00')), {
    caseId: a5,
    subject: 'Sigo esperando',
    description: 'Vuelvo a escribir porque no he recibido respuesta al reclamo.',
    channel: 'phone',
  });
  const duplicate = await file('Q', '2026-04-07T09:00:00');
  await act(duplicate, { action: 'merge', targetCaseId: a5 }, fx.supervisor, '2026-04-07T10:00:00');

  const a6 = await file('Q', '2026-03-22T23:00:00');
  await work(a6, fx.agent, A, tarifa, '2026-03-24T09:00:00');

  const B = fx.otherProcessId;
  const b1 = await file('R', '2026-03-02T10:00:00');
  await work(b1, fx.agent, B, fx.otherRootCauseId, '2026-03-03T09:00:00', '2026-03-10T10:00:00');
  const b2 = await file('Q', '2026-03-30T10:00:00');
  await work(b2, fx.otherAgent, B, fx.otherRootCauseId, '2026-03-31T09:00:00');

  const n1 = await file('Q', '2026-03-02T10:30:00');
  const n2 = await file('R', '2026-04-13T10:00:00');

  const petition = await file('P', '2026-03-09T11:00:00');
  await work(petition, fx.agent, A, cobro, '2026-03-10T09:00:00');
  const early = await file('R', '2026-02-27T10:00:00');
  await work(early, fx.agent, A, cobro, '2026-03-02T09:00:00');

  return {
    instalacionId: installation.id,
    instalacionCauseId,
    ids: { a1, a2, a3, a4, a5, a6, b1, b2, n1, n2 },
  };
}
