/**
 * On time means notified (issue 16 §1, DOMAIN.md §3): the legal result is decided when the answer
 * reaches the petitioner, by each real way it can: the e-mail accepted by a real SMTP server, the
 * webhook acknowledged by a real HTTP receiver, the letter posted, the answer shown on the portal.
 * A Reclamo filed Friday 13 March 2026 is due Wednesday 8 April (San José and Holy Week skipped).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { outbox } from '@/db/tables';
import { parseReportQuery } from '@/lib/validation/report-query';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { JOBS } from '../jobs';
import { noteAnswerShown } from '../portal/answer-shown';
import { buildPqrsReport } from '../reports/pqrs-report';
import { deliverDueMail } from '../notices/sender';
import { fileThroughApi, noMailTransport, openApiChannel } from '../testing/api-channel';
import { freshDbPerTest } from '../testing/fresh-db';
import {
  answerCase,
  bogota,
  captureAppError,
  caseRow,
  customerActor,
  fileCase,
} from '../testing/fixtures';
import { deliverDueToSmtp } from '../testing/smtp';
import { startWebhookReceiver, type TestWebhookReceiver } from '../testing/webhook-receiver';
import { applyCaseAction } from './apply-case-action';
import { recordPostalDelivery } from './record-postal-delivery';

const fresh = freshDbPerTest();
const FILED = bogota('2026-03-13T16:30:00');
const DUE_DAY = bogota('2026-04-08T16:00:00');
const NEXT_MORNING = bogota('2026-04-09T08:00:00');

const undeliveredAnswer = async (at: Date, filing = {}) => {
  const { id } = await fileCase(fresh.db, filing, FILED);
  await answerCase(fresh.db, id, fresh.fx.agent, at, { delivered: false });
  return id;
};
const runJob = async (name: string, now: Date) =>
  await JOBS.find((j) => j.name === name)!.run(makeCtx(fresh.db, SYSTEM_ACTOR, now));
const marchReport = async (now: Date) =>
  (
    await buildPqrsReport(
      fresh.db,
      parseReportQuery({ from: '2026-03-01', to: '2026-03-31' }, '2026-04-24'),
      'America/Bogota',
      now,
    )
  ).total;

describe('an answer is on time only when it reached the petitioner by the due date', () => {
  it('decides nothing when written: the e-mail accepted by the SMTP server on the due day is on time', async () => {
    const id = await undeliveredAnswer(bogota('2026-04-08T09:00:00'));
    expect(await caseRow(fresh.db, id)).toMatchObject({
      answeredOnTime: null,
      answerDeliveredAt: null,
    });
    const arrived = await deliverDueToSmtp(fresh.db, DUE_DAY);
    expect(arrived.map((m) => m.subject).join(' | ')).toMatch(/respuesta/i);
    expect(await caseRow(fresh.db, id)).toMatchObject({
      answerDeliveredAt: DUE_DAY,
      answerDeliveredVia: 'email',
      answeredOnTime: true,
    });
  });

  it('calls an answer written on the due day but sent the next morning late', async () => {
    const id = await undeliveredAnswer(DUE_DAY);
    await deliverDueToSmtp(fresh.db, NEXT_MORNING);
    expect(await caseRow(fresh.db, id)).toMatchObject({
      answerDeliveredAt: NEXT_MORNING,
      answeredOnTime: false,
    });
  });

  it('keeps the first delivery: a later portal view changes nothing', async () => {
    const id = await undeliveredAnswer(bogota('2026-04-01T10:00:00'));
    const sentAt = bogota('2026-04-01T10:01:00');
    await deliverDueToSmtp(fresh.db, sentAt);
    expect(await noteAnswerShown(makeCtx(fresh.db, customerActor(id), NEXT_MORNING))).toBe(false);
    expect(await caseRow(fresh.db, id)).toMatchObject({
      answerDeliveredAt: sentAt,
      answerDeliveredVia: 'email',
    });
  });
});

describe('undelivered at the due date: vencido sin notificar', () => {
  it('is awaiting delivery in the report until the due date, then late, and a late e-mail stays late', async () => {
    const id = await undeliveredAnswer(bogota('2026-04-01T10:00:00'));
    // The address bounces for good: nothing reaches the petitioner.
    await fresh.db
      .update(outbox)
      .set({ status: 'failed' })
      .where(and(eq(outbox.caseId, id), eq(outbox.kind, 'answer')));
    await runJob('cases.undelivered_overdue', DUE_DAY);
    expect((await caseRow(fresh.db, id)).answeredOnTime).toBeNull();
    expect(await marchReport(DUE_DAY)).toMatchObject({ answered: 1, awaitingDelivery: 1, late: 0 });

    await runJob('cases.undelivered_overdue', NEXT_MORNING);
    expect((await caseRow(fresh.db, id)).answeredOnTime).toBe(false);
    expect(await marchReport(NEXT_MORNING)).toMatchObject({
      answered: 1,
      awaitingDelivery: 0,
      onTime: 0,
      late: 1,
    });
    // Shown on the portal days later: delivered, and still late.
    const later = bogota('2026-04-13T09:00:00');
    expect(await noteAnswerShown(makeCtx(fresh.db, customerActor(id), later))).toBe(true);
    expect(await caseRow(fresh.db, id)).toMatchObject({
      answerDeliveredAt: later,
      answerDeliveredVia: 'portal',
      answeredOnTime: false,
    });
  });

  it('leaves answers within their term and types without a term alone', async () => {
    const inTerm = await undeliveredAnswer(bogota('2026-04-01T10:00:00'));
    const praise = await undeliveredAnswer(bogota('2026-03-20T10:00:00'), { typeCode: 'F' });
    await runJob('cases.undelivered_overdue', bogota('2026-04-08T23:00:00'));
    expect((await caseRow(fresh.db, inTerm)).answeredOnTime).toBeNull();
    expect((await caseRow(fresh.db, praise)).answeredOnTime).toBeNull();
    expect(await marchReport(NEXT_MORNING)).toMatchObject({
      awaitingDelivery: 1,
      answeredNoTerm: 1,
    });
  });
});

describe('the petitioner shown the answer on the portal', () => {
  it('is a delivery, recorded once, for the petitioner alone', async () => {
    const id = await undeliveredAnswer(bogota('2026-04-01T10:00:00'));
    const agentView = await captureAppError(() =>
      noteAnswerShown(makeCtx(fresh.db, fresh.fx.agent as Actor, DUE_DAY)),
    );
    expect(agentView.code).toBe('FORBIDDEN');
    expect(await noteAnswerShown(makeCtx(fresh.db, customerActor(id), DUE_DAY))).toBe(true);
    expect(await noteAnswerShown(makeCtx(fresh.db, customerActor(id), NEXT_MORNING))).toBe(false);
    expect(await caseRow(fresh.db, id)).toMatchObject({
      answerDeliveredAt: DUE_DAY,
      answerDeliveredVia: 'portal',
      answeredOnTime: true,
    });
  });

  it('delivers nothing before there is an answer', async () => {
    const { id } = await fileCase(fresh.db, {}, FILED);
    expect(await noteAnswerShown(makeCtx(fresh.db, customerActor(id), DUE_DAY))).toBe(false);
    expect((await caseRow(fresh.db, id)).answerDeliveredAt).toBeNull();
  });
});

describe('a postal answer is delivered the day its letter is posted', () => {
  it('is on time posted by the due date; a corrected posting day corrects the result', async () => {
    const id = await undeliveredAnswer(bogota('2026-04-07T10:00:00'), {
      responseMedium: 'postal',
      responseAddress: 'Calle 10 # 20-30, Bogotá',
    });
    const ctx = makeCtx(fresh.db, fresh.fx.agent, bogota('2026-04-10T09:00:00'));
    await recordPostalDelivery(ctx, { caseId: id, postedOn: '2026-04-09' });
    expect(await caseRow(fresh.db, id)).toMatchObject({
      answerDeliveredVia: 'postal',
      answeredOnTime: false,
    });
    await recordPostalDelivery(ctx, { caseId: id, postedOn: '2026-04-08' });
    expect(await caseRow(fresh.db, id)).toMatchObject({
      answerDeliveredAt: bogota('2026-04-08T12:00:00'),
      answeredOnTime: true,
    });
  });
});

describe('an answer through the API channel', () => {
  let receiver: TestWebhookReceiver | null = null;
  afterEach(async () => {
    await receiver?.close();
    receiver = null;
  });

  it('is delivered when the channel acknowledges the webhook, not before', async () => {
    let secret = '';
    receiver = await startWebhookReceiver(() => secret);
    const channel = await openApiChannel(fresh.db, fresh.fx.admin, receiver.url, FILED);
    secret = channel.secret;
    const id = await fileThroughApi(fresh.db, channel.apiKey, FILED);
    const ctx = makeCtx(fresh.db, fresh.fx.agent, bogota('2026-04-08T10:00:00'));
    await applyCaseAction(ctx, { caseId: id, action: 'take' });
    await applyCaseAction(ctx, {
      caseId: id,
      action: 'answer',
      body: 'Devolvimos el cobro doble.',
      decision: 'concede',
    });
    const acknowledgedAt = bogota('2026-04-08T10:05:00');
    receiver.replyNext(503);
    await deliverDueMail({ db: fresh.db, transport: noMailTransport, now: acknowledgedAt });
    expect((await caseRow(fresh.db, id)).answerDeliveredAt).toBeNull();

    const retryAt = bogota('2026-04-08T10:30:00');
    await deliverDueMail({ db: fresh.db, transport: noMailTransport, now: retryAt });
    expect(receiver.accepted.size).toBeGreaterThan(0);
    expect(await caseRow(fresh.db, id)).toMatchObject({
      answerDeliveredAt: retryAt,
      answerDeliveredVia: 'webhook',
      answeredOnTime: true,
    });
  });
});
