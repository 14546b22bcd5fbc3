import { first } from '@/db/rows';
/**
 * The scheduled jobs with a moved clock: each does its work once, and running it again changes
 * nothing. Colombian calendar, March–April 2026: 23 March, 2 and 3 April are holidays.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { notifications, outbox, promises, resultRatings, teams } from '@/db/tables';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import {
  bogota,
  captureAppError,
  caseRow,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { deliverDueToSmtp } from '../testing/smtp';
import { autoCloseAnswered } from './auto-close';
import { breakOverduePromises } from './break-promises';
import { sendDeadlineAlerts } from './deadline-alerts';
import { sendSurveys } from './surveys';
import { acceptDocumentRequestsBySilence } from './pd-silence';
import { withdrawTacitly } from './tacit-withdrawal';
import { makeCtx } from '@/lib/server/core/context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  await db.update(teams).set({ supervisorId: fx.supervisor.id }).where(eq(teams.id, fx.teamId));
});
afterEach(() => cleanup());

const sys = (now: Date) => makeCtx(db, SYSTEM_ACTOR, now);

const act = async (id: number, input: unknown, now: Date, actor: Actor = fx.agent) =>
  await applyCaseAction(makeCtx(db, actor, now), { caseId: id, ...(input as object) });

/** A Reclamo filed Friday 13 March 2026 (due Wednesday 8 April), taken on Monday 16. */
async function reclamo(): Promise<number> {
  const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
  await act(id, { action: 'take' }, bogota('2026-03-16T09:00:00'));
  return id;
}

const mailsOf = async (kind: string) => await db.select().from(outbox).where(eq(outbox.kind, kind));

describe('promises.break', () => {
  it('records overdue pending promises as broken once, with their audit event', async () => {
    const id = await reclamo();
    const due = bogota('2026-03-17T10:00:00');
    await act(
      id,
      { action: 'add_promise', description: 'Llamarle', dueAt: due.toISOString() },
      bogota('2026-03-16T10:00:00'),
    );
    await act(
      id,
      {
        action: 'add_promise',
        description: 'Visita',
        dueAt: bogota('2026-03-20T10:00:00').toISOString(),
      },
      bogota('2026-03-16T10:00:00'),
    );
    expect(await breakOverduePromises(sys(bogota('2026-03-17T09:59:00')))).toBe(0);
    expect(await breakOverduePromises(sys(bogota('2026-03-17T10:01:00')))).toBe(1);
    expect(await breakOverduePromises(sys(bogota('2026-03-17T11:00:00')))).toBe(0);
    const rows = await db
      .select()
      .from(promises)
      .where(eq(promises.caseId, id))
      .orderBy(promises.id);
    expect(rows.map((p) => p.status)).toEqual(['broken', 'pending']);
    expect((await eventsOf(db, id)).filter((e) => e.action === 'promise_break')).toHaveLength(1);
  });
});

describe('deadlines.alerts', () => {
  it('alerts assignee and supervisor when at risk, then again when overdue, and escalates once', async () => {
    const id = await reclamo();
    // Monday 6 April: due Wednesday 8 April is within two business days (Holy Week 2–3 April).
    expect(await sendDeadlineAlerts(sys(bogota('2026-04-03T09:00:00')))).toEqual({
      notified: 0,
      escalated: 0,
    });
    expect(await sendDeadlineAlerts(sys(bogota('2026-04-06T09:00:00')))).toEqual({
      notified: 2,
      escalated: 0,
    });
    expect(await sendDeadlineAlerts(sys(bogota('2026-04-06T10:00:00')))).toEqual({
      notified: 0,
      escalated: 0,
    });
    // Thursday 9 April: overdue.
    expect(await sendDeadlineAlerts(sys(bogota('2026-04-09T08:00:00')))).toEqual({
      notified: 2,
      escalated: 1,
    });
    expect(await sendDeadlineAlerts(sys(bogota('2026-04-10T08:00:00')))).toEqual({
      notified: 0,
      escalated: 0,
    });

    const bell = await db.select().from(notifications);
    expect(bell.map((n) => [n.userId, n.kind]).sort()).toEqual(
      [
        [fx.agent.id, 'at_risk'],
        [fx.supervisor.id, 'at_risk'],
        [fx.agent.id, 'overdue'],
        [fx.supervisor.id, 'overdue'],
        [fx.supervisor.id, 'escalation'],
      ].sort(),
    );
    expect((await eventsOf(db, id)).filter((e) => e.action === 'escalate')).toMatchObject([
      {
        actorRole: 'system',
        visibility: 'internal',
        data: { supervisorId: fx.supervisor.id, dueDate: '2026-04-08' },
      },
    ]);
    expect((await mailsOf('alert_overdue')).map((m) => m.toAddress).sort()).toEqual(
      ['agente@example.co', 'supervisora@example.co'].sort(),
    );
    expect((await mailsOf('alert_escalation'))[0]!.subject).toMatch(
      /^Escalado a usted: PQRS-2026-\d+ está vencido$/,
    );
  });

  it('leaves answered and paused cases alone', async () => {
    const answered = await reclamo();
    await act(
      answered,
      { action: 'answer', body: 'Listo.', decision: 'concede' },
      bogota('2026-03-20T10:00:00'),
    );
    const paused = await reclamo();
    await act(
      paused,
      { action: 'request_info', body: 'Adjunte la factura.' },
      bogota('2026-03-20T10:00:00'),
    );
    expect(await sendDeadlineAlerts(sys(bogota('2026-04-09T08:00:00')))).toEqual({
      notified: 0,
      escalated: 0,
    });
  });

  it('alerts again for the new due date after an extension', async () => {
    const id = await reclamo();
    await sendDeadlineAlerts(sys(bogota('2026-04-06T09:00:00')));
    await act(
      id,
      { action: 'extend', reason: 'Visita técnica', newDueDate: '2026-04-22' },
      bogota('2026-04-06T10:00:00'),
    );
    expect((await sendDeadlineAlerts(sys(bogota('2026-04-09T08:00:00')))).notified).toBe(0);
    expect((await sendDeadlineAlerts(sys(bogota('2026-04-21T08:00:00')))).notified).toBe(2);
  });
});

describe('cases.tacit_withdrawal', () => {
  it('closes a case a calendar month after the unanswered request, with its notice, once', async () => {
    const id = await reclamo();
    await act(
      id,
      { action: 'request_info', body: 'Adjunte la factura.' },
      bogota('2026-03-18T10:00:00'),
    );
    expect(await withdrawTacitly(sys(bogota('2026-04-18T23:00:00')))).toBe(0);
    expect(await withdrawTacitly(sys(bogota('2026-04-19T00:30:00')))).toBe(1);
    expect(await withdrawTacitly(sys(bogota('2026-04-20T00:30:00')))).toBe(0);
    expect((await caseRow(db, id)).state).toBe('desistida');
    expect(await mailsOf('withdraw_tacit')).toHaveLength(1);
  });
});

describe('cases.pd_silence', () => {
  /** A documents request (10 business days) filed Friday 13 March 2026: due Monday 30 March. */
  async function documentsRequest(): Promise<number> {
    const { id } = await fileCase(db, { typeCode: 'PD' }, bogota('2026-03-13T16:30:00'));
    await act(id, { action: 'take' }, bogota('2026-03-16T09:00:00'));
    return id;
  }

  it('accepts an unanswered PD request after its 10th business day, once, and opens the 3-day delivery duty', async () => {
    const id = await documentsRequest();
    const answered = await documentsRequest();
    await act(
      answered,
      { action: 'answer', body: 'Adjuntamos las copias.', decision: 'concede' },
      bogota('2026-03-27T10:00:00'),
    );
    const petition = (await fileCase(db, {}, bogota('2026-03-13T16:30:00'))).id;
    expect((await caseRow(db, id)).dueDate).toBe('2026-03-30');

    expect(await acceptDocumentRequestsBySilence(sys(bogota('2026-03-30T23:59:00')))).toBe(0);
    expect(await acceptDocumentRequestsBySilence(sys(bogota('2026-03-31T00:30:00')))).toBe(1);
    expect(await acceptDocumentRequestsBySilence(sys(bogota('2026-03-31T01:30:00')))).toBe(0);

    expect((await caseRow(db, id)).silenceAcceptedAt).toEqual(bogota('2026-03-31T00:30:00'));
    expect((await caseRow(db, answered)).silenceAcceptedAt).toBeNull();
    expect((await caseRow(db, petition)).silenceAcceptedAt).toBeNull();
    // Day 13 is 6 April (2 and 3 April are Holy Week): the duty is owed by its end.
    expect(await db.select().from(promises).where(eq(promises.caseId, id))).toEqual([
      expect.objectContaining({
        description: 'pd_delivery',
        ownerId: fx.agent.id,
        status: 'pending',
        dueAt: new Date('2026-04-07T04:59:59.999Z'),
        isVisibleToCustomer: true,
      }),
    ]);
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      action: 'accept_by_silence',
      actorRole: 'system',
      visibility: 'public',
    });
    // The holder and the supervisor hear of it; the petitioner is told when the copies come.
    const bell = await db.select().from(notifications).where(eq(notifications.caseId, id));
    expect(
      bell
        .filter((n) => n.kind === 'accepted_by_silence')
        .map((n) => n.userId)
        .sort(),
    ).toEqual([fx.agent.id, fx.supervisor.id].sort());
    expect((await mailsOf('pd_silence')).map((m) => m.caseId)).toEqual([id]);
    const arrived = (await deliverDueToSmtp(db, bogota('2026-03-31T01:00:00'))).filter((m) =>
      /se entiende aceptada/.test(m.subject ?? ''),
    );
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.text).toContain('6 de abril de 2026');
  });

  it('the duty breaks like any promise when the copies are not delivered by day 13', async () => {
    const id = await documentsRequest();
    await acceptDocumentRequestsBySilence(sys(bogota('2026-03-31T00:30:00')));
    await breakOverduePromises(sys(bogota('2026-04-06T23:00:00')));
    expect((await first(db.select().from(promises).where(eq(promises.caseId, id))))?.status).toBe(
      'pending',
    );
    await breakOverduePromises(sys(bogota('2026-04-07T00:30:00')));
    expect((await first(db.select().from(promises).where(eq(promises.caseId, id))))?.status).toBe(
      'broken',
    );
  });
});

describe('art. 17: the petitioner asks for one more month', () => {
  const customer = (id: number): Actor => ({ role: 'customer', id: null, caseId: id });

  it('the tacit withdrawal waits two months; the assignee hears of it and the timeline shows it', async () => {
    const id = await reclamo();
    const request = { action: 'request_info', body: 'Adjunte la factura.' };
    await act(id, request, bogota('2026-03-18T10:00:00'));
    await act(id, { action: 'ask_more_time' }, bogota('2026-04-10T11:00:00'), customer(id));
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      action: 'ask_more_time',
      actorRole: 'customer',
      visibility: 'public',
      data: { until: '2026-05-18' },
    });
    const bell = await db.select().from(notifications).where(eq(notifications.caseId, id));
    expect(bell).toContainEqual(
      expect.objectContaining({ userId: fx.agent.id, kind: 'more_time_asked' }),
    );
    // One month after the request it would have ended; with the extra month it does not.
    expect(await withdrawTacitly(sys(bogota('2026-04-19T00:30:00')))).toBe(0);
    expect(await withdrawTacitly(sys(bogota('2026-05-18T23:00:00')))).toBe(0);
    expect((await caseRow(db, id)).state).toBe('requiere_informacion');
    expect(await withdrawTacitly(sys(bogota('2026-05-19T00:30:00')))).toBe(1);
    expect((await caseRow(db, id)).state).toBe('desistida');
    expect(await mailsOf('withdraw_tacit')).toHaveLength(1);
  });

  it('is granted once, and only within the first month', async () => {
    const id = await reclamo();
    await act(id, { action: 'request_info', body: 'Adjunte.' }, bogota('2026-03-18T10:00:00'));
    const late = await captureAppError(
      async () =>
        await act(id, { action: 'ask_more_time' }, bogota('2026-04-19T08:00:00'), customer(id)),
    );
    expect(late).toMatchObject({ detail: { guard: 'waiting_period_over' } });
    await act(id, { action: 'ask_more_time' }, bogota('2026-04-18T08:00:00'), customer(id));
    const twice = await captureAppError(
      async () =>
        await act(id, { action: 'ask_more_time' }, bogota('2026-04-20T08:00:00'), customer(id)),
    );
    expect(twice).toMatchObject({ detail: { guard: 'more_time_already_asked' } });
    const staff = await captureAppError(
      async () => await act(id, { action: 'ask_more_time' }, bogota('2026-04-18T09:00:00')),
    );
    expect(staff.code).toBe('FORBIDDEN');
  });
});

describe('surveys.send', () => {
  it('mails the survey a day after the first answer, once, unless already rated', async () => {
    const asked = await reclamo();
    await act(
      asked,
      { action: 'answer', body: 'Listo.', decision: 'concede' },
      bogota('2026-03-20T10:00:00'),
    );
    const rated = await reclamo();
    await act(
      rated,
      { action: 'answer', body: 'Listo.', decision: 'concede' },
      bogota('2026-03-20T10:00:00'),
    );
    await db.insert(resultRatings).values({ caseId: rated, answer: 'yes' });
    expect(await sendSurveys(sys(bogota('2026-03-21T09:00:00')))).toBe(0);
    expect(await sendSurveys(sys(bogota('2026-03-21T10:01:00')))).toBe(1);
    expect(await sendSurveys(sys(bogota('2026-03-22T10:00:00')))).toBe(0);
    expect((await mailsOf('survey')).map((m) => m.caseId)).toEqual([asked]);
    expect((await mailsOf('survey'))[0]!.bodyHtml).toContain('Calificar la atención');
  });
});

describe('cases.auto_close', () => {
  it('closes an answered case after the 10-business-day disagreement window, once', async () => {
    const id = await reclamo();
    await act(
      id,
      { action: 'reclassify', processId: fx.processId, rootCauseId: fx.rootCauseIds[0] },
      bogota('2026-03-17T09:00:00'),
    );
    // Answered Wednesday 18 March. The 10th business day after it is Monday 6 April (19, 20,
    // 24–27, 30, 31 March, 1 and 6 April: San José and Holy Week skipped); it closes on the 11th.
    await act(
      id,
      { action: 'answer', body: 'Listo.', decision: 'concede' },
      bogota('2026-03-18T10:00:00'),
    );
    expect(await autoCloseAnswered(sys(bogota('2026-04-06T20:00:00')))).toBe(0);
    expect((await caseRow(db, id)).state).toBe('respondida');
    expect(await autoCloseAnswered(sys(bogota('2026-04-07T08:00:00')))).toBe(1);
    expect(await autoCloseAnswered(sys(bogota('2026-04-08T08:00:00')))).toBe(0);
    expect((await caseRow(db, id)).state).toBe('cerrada');
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      action: 'auto_close',
      actorRole: 'system',
    });
  });

  it('leaves a complaint without its root cause for an agent to classify', async () => {
    const id = await reclamo();
    await act(
      id,
      { action: 'answer', body: 'Listo.', decision: 'concede' },
      bogota('2026-03-18T10:00:00'),
    );
    expect(await autoCloseAnswered(sys(bogota('2026-04-20T08:00:00')))).toBe(0);
    expect((await caseRow(db, id)).state).toBe('respondida');
  });
});
