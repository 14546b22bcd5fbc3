/**
 * A small hand-built dataset for the /calidad figures, made through the real use cases with
 * backdated clocks (Colombian calendar 2026: 23 March, 2 and 3 April are holidays). Every figure
 * the tests assert is worked out by hand from the comments below.
 *
 *  case  type  filed (Bogotá)    handled by   what happens                                  quadrant
 *  A     R     Fri 13 Mar 16:30  agent        answered 9 Apr: late, 16 business days        late · well
 *  B     R     Fri 13 Mar 16:30  agent        info request 18–26 Mar, answered 31 Mar: 6    on time · badly
 *  C     R     Mon 16 Mar 09:00  otherAgent   answered same day (0 days), reopened, again   on time · well (= 4)
 *  D     Q     Mon 6 Apr 09:00   agent        canned reply, supervisor's call; open, due 27 Apr  late · unrated
 *  E     P     Mon 13 Apr 09:00  otherAgent   answered next day (1 day)                     on time · unrated
 *  F     D     Wed 1 Apr 09:00   otherAgent   answered 28 Apr: late, 17 days (Holy Week)    late · badly
 *  G     F     Mon 20 Apr 09:00  agent        thanked and closed (no legal term)            outside
 *  H     R     Fri 27 Feb 10:00  agent        before the period: counts nowhere
 *
 * Handle minutes: A 60 · B 10 + 20 · C 40 + 10 · D 5 (agent) + 35 (supervisor) · E 25 · F 30 ·
 * G 3 · H 100. Targets: P 20, Q 30, R 45, D 40, F 5.
 * Promises: A kept · B renegotiated then kept (one kept) · C pending past due (broken) · D pending
 * not yet due (unsettled) · E renegotiated, successor past due (one broken).
 */
import { deliverAnswer } from './deliveries';
import { desc, eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { caseTypes, interactions, promises, serviceLevels, templates } from '@/db/tables';
import { CASE_TYPES, type CaseType } from '@/lib/domain/enums';
import type { CaseFilingInput } from '@/lib/validation/case-filing';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { applyPromiseAction } from '../cases/apply-promise-action';
import { createCase } from '../cases/create-case';
import { rateCase } from '../portal/rate-case';
import { addRepeatContact } from '../cases/repeat-contact';
import { bogota, seedFixture, validFiling, type Fixture } from './fixtures';
import { reviewInteraction } from '../supervision/quality-review';
import { makeCtx } from '@/lib/server/core/context';

export /** When the view is looked at: Friday 15 May 2026, noon. */
const VIEW_NOW = bogota('2026-05-15T12:00:00');

export const TARGETS: Partial<Record<CaseType, number>> = { P: 20, Q: 30, R: 45, D: 40, F: 5 };

export interface QualityDataset {
  fx: Fixture;
  ids: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H', number>;
  radicados: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H', string>;
  /** Interactions reviewed by supervisors: A's answer and B's information request. */
  reviewed: { answerA: number; requestB: number };
  /** C's first answer (otherAgent), not reviewed: free for the review tests. */
  answerC: number;
}

let customerCounter = 0;
function filing(typeCode: CaseType, subject: string): CaseFilingInput {
  customerCounter += 1;
  return validFiling({
    typeCode,
    subject,
    customer: {
      documentType: 'CC',
      documentNumber: String(7_000_000 + customerCounter),
      fullName: `Ciudadana ${customerCounter}`,
      email: `ciudadana${customerCounter}@example.co`,
    },
  });
}

export async function buildQualityDataset(db: Conn): Promise<QualityDataset> {
  const fx = await seedFixture(db);
  for (const code of CASE_TYPES) {
    await db
      .insert(caseTypes)
      .values({ code, allowsAnonymous: false, handleTargetMinutes: TARGETS[code] ?? 30 });
  }
  await db
    .insert(serviceLevels)
    .values({ typeCode: 'R', firstResponseHours: 8, resolutionDays: 5, validFrom: new Date(0) });
  const template = (
    await one(
      db
        .insert(templates)
        .values({
          name: 'Acuse',
          body: 'Recibimos su queja y la estamos revisando.',
          typeCode: null,
        })
        .returning({ id: templates.id }),
    )
  ).id;

  const file = async (type: CaseType, subject: string, at: string) =>
    await createCase(makeCtx(db, SYSTEM_ACTOR, bogota(at)), filing(type, subject));
  const act = async (id: number, input: Record<string, unknown>, actor: Actor, at: string) =>
    await applyCaseAction(makeCtx(db, actor, bogota(at)), { caseId: id, ...input });
  // Each answer reaches the petitioner as it is sent (the legal result waits for delivery).
  const answer = async (id: number, actor: Actor, at: string, minutes: number) => {
    await act(
      id,
      { action: 'answer', body: 'Le respondemos.', decision: 'concede', handleMinutes: minutes },
      actor,
      at,
    );
    await deliverAnswer(db, id, bogota(at));
  };
  const promise = async (id: number, actor: Actor, at: string, dueAt: string) => {
    await act(
      id,
      { action: 'add_promise', description: 'Le llamamos', dueAt: bogota(dueAt).toISOString() },
      actor,
      at,
    );
    return (
      await one(
        db
          .select({ id: promises.id })
          .from(promises)
          .where(eq(promises.caseId, id))
          .orderBy(desc(promises.id)),
      )
    ).id;
  };
  const promiseAction = async (
    pid: number,
    input: Record<string, unknown>,
    actor: Actor,
    at: string,
  ) => await applyPromiseAction(makeCtx(db, actor, bogota(at)), { promiseId: pid, ...input });
  const lastOutbound = async (caseId: number) =>
    (
      await one(
        db
          .select({ id: interactions.id })
          .from(interactions)
          .where(eq(interactions.caseId, caseId))
          .orderBy(desc(interactions.id)),
      )
    ).id;
  const rate = (caseId: number, at: string, result: string, courtesy: number, clarity: number) =>
    rateCase(makeCtx(db, { role: 'customer', id: null, caseId }, bogota(at)), {
      caseId,
      result,
      courtesy,
      clarity,
    });
  const review = async (interactionId: number, actor: Actor, at: string, s: number[]) =>
    await reviewInteraction(makeCtx(db, actor, bogota(at)), {
      interactionId,
      greeting: s[0],
      clarity: s[1],
      empathy: s[2],
      accuracy: s[3],
      personalTouch: s[4],
    });

  // A: late across San José and Holy Week, treated well.
  const A = await file('R', 'Cobro doble', '2026-03-13T16:30:00');
  await act(A.id, { action: 'take' }, fx.agent, '2026-03-16T09:00:00');
  await act(
    A.id,
    { action: 'reclassify', processId: fx.processId },
    fx.agent,
    '2026-03-16T09:05:00',
  );
  const pA = await promise(A.id, fx.agent, '2026-03-16T10:00:00', '2026-03-18T12:00:00');
  await promiseAction(pA, { action: 'keep' }, fx.agent, '2026-03-17T10:00:00');
  await answer(A.id, fx.agent, '2026-04-09T08:00:00', 60);
  const answerA = await lastOutbound(A.id);
  await rate(A.id, '2026-04-10T09:00:00', 'yes', 5, 5);
  await review(answerA, fx.supervisor, '2026-04-13T09:00:00', [5, 5, 4, 5, 5]);

  // B: the information request pauses the clock (18–26 March); on time but badly treated.
  const B = await file('R', 'Tarifa errada', '2026-03-13T16:30:00');
  await act(B.id, { action: 'take' }, fx.agent, '2026-03-16T09:00:00');
  await act(
    B.id,
    { action: 'reclassify', processId: fx.processId },
    fx.agent,
    '2026-03-16T09:05:00',
  );
  const pB = await promise(B.id, fx.agent, '2026-03-16T11:00:00', '2026-03-20T12:00:00');
  await act(
    B.id,
    { action: 'request_info', body: 'Adjunte la factura.', handleMinutes: 10 },
    fx.agent,
    '2026-03-18T10:00:00',
  );
  const requestB = await lastOutbound(B.id);
  await promiseAction(
    pB,
    {
      action: 'renegotiate',
      newDueAt: bogota('2026-03-27T12:00:00').toISOString(),
      reason: 'Pidió otra fecha',
    },
    fx.agent,
    '2026-03-19T09:00:00',
  );
  await act(
    B.id,
    { action: 'provide_info', body: 'Aquí está.' },
    { role: 'customer', id: null, caseId: B.id },
    '2026-03-26T09:00:00',
  );
  const pB2 = (
    await one(db.select({ id: promises.id }).from(promises).where(eq(promises.predecessorId, pB)))
  ).id;
  await promiseAction(pB2, { action: 'keep' }, fx.agent, '2026-03-26T10:00:00');
  await answer(B.id, fx.agent, '2026-03-31T10:00:00', 20);
  await rate(B.id, '2026-04-01T09:00:00', 'partly', 3, 2);
  await review(requestB, fx.admin, '2026-04-02T09:00:00', [2, 3, 2, 4, 1]);

  // C: answered the day it came (service level met), reopened and answered again; rated exactly 4.
  const C = await file('R', 'Entrega tardía', '2026-03-16T09:00:00');
  await act(C.id, { action: 'take' }, fx.otherAgent, '2026-03-16T09:30:00');
  await act(
    C.id,
    { action: 'reclassify', processId: fx.otherProcessId },
    fx.otherAgent,
    '2026-03-16T09:35:00',
  );
  await promise(C.id, fx.otherAgent, '2026-03-16T10:00:00', '2026-03-19T12:00:00');
  await answer(C.id, fx.otherAgent, '2026-03-16T15:00:00', 40);
  const answerC = await lastOutbound(C.id);
  await act(
    C.id,
    { action: 'reopen', reason: 'Faltó un cobro.' },
    fx.otherAgent,
    '2026-03-20T10:00:00',
  );
  await answer(C.id, fx.otherAgent, '2026-03-24T10:00:00', 10);
  await rate(C.id, '2026-03-25T09:00:00', 'no', 4, 4);

  // D: a canned reply, a supervisor's call, a repeat contact; still open past its due date.
  const D = await file('Q', 'Mala atención', '2026-04-06T09:00:00');
  await act(D.id, { action: 'take' }, fx.agent, '2026-04-06T10:00:00');
  await act(
    D.id,
    {
      action: 'reply',
      body: 'Recibimos su queja y la estamos revisando.',
      templateId: template,
      handleMinutes: 5,
    },
    fx.agent,
    '2026-04-06T11:00:00',
  );
  await act(
    D.id,
    {
      action: 'log_interaction',
      kind: 'call',
      direction: 'outbound',
      body: 'Llamada.',
      handleMinutes: 35,
    },
    fx.supervisor,
    '2026-04-07T10:00:00',
  );
  await promise(D.id, fx.agent, '2026-04-07T11:00:00', '2026-05-20T12:00:00');
  await addRepeatContact(makeCtx(db, SYSTEM_ACTOR, bogota('2026-04-08T09:00:00')), {
    caseId: D.id,
    subject: 'Sigo esperando',
    description: 'Escribo otra vez por mi queja.',
    channel: 'web',
  });

  // E: answered the next day; its renegotiated promise ends broken.
  const E = await file('P', 'Certificado', '2026-04-13T09:00:00');
  await act(E.id, { action: 'take' }, fx.otherAgent, '2026-04-13T09:30:00');
  const pE = await promise(E.id, fx.otherAgent, '2026-04-13T10:00:00', '2026-04-15T12:00:00');
  await promiseAction(
    pE,
    {
      action: 'renegotiate',
      newDueAt: bogota('2026-04-17T12:00:00').toISOString(),
      reason: 'Falta firma',
    },
    fx.otherAgent,
    '2026-04-14T09:00:00',
  );
  await answer(E.id, fx.otherAgent, '2026-04-14T10:00:00', 25);

  // F: filed the day before Holy Thursday, answered late, treated badly.
  const F = await file('D', 'Irregularidad', '2026-04-01T09:00:00');
  await act(F.id, { action: 'take' }, fx.otherAgent, '2026-04-01T10:00:00');
  await answer(F.id, fx.otherAgent, '2026-04-28T10:00:00', 30);
  await rate(F.id, '2026-04-29T09:00:00', 'no', 1, 2);

  // G: a felicitación (no legal term): thanked and closed.
  const G = await file('F', 'Gracias', '2026-04-20T09:00:00');
  await act(G.id, { action: 'take' }, fx.agent, '2026-04-20T10:00:00');
  await act(
    G.id,
    { action: 'reply', body: 'Gracias por escribirnos.', handleMinutes: 3 },
    fx.agent,
    '2026-04-20T11:00:00',
  );
  await act(G.id, { action: 'close' }, fx.agent, '2026-04-21T09:00:00');

  // H: filed before the period; nothing of it may show.
  const H = await file('R', 'Anterior', '2026-02-27T10:00:00');
  await act(H.id, { action: 'take' }, fx.agent, '2026-03-02T09:00:00');
  await answer(H.id, fx.agent, '2026-03-30T10:00:00', 100);
  await rate(H.id, '2026-03-31T09:00:00', 'yes', 5, 5);

  const cases = { A, B, C, D, E, F, G, H };
  return {
    fx,
    ids: Object.fromEntries(
      Object.entries(cases).map(([k, v]) => [k, v.id]),
    ) as QualityDataset['ids'],
    radicados: Object.fromEntries(
      Object.entries(cases).map(([k, v]) => [k, v.radicado]),
    ) as QualityDataset['radicados'],
    reviewed: { answerA, requestB },
    answerC,
  };
}
