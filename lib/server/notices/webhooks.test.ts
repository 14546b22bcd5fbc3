import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { outbox } from '@/db/tables';
import { portalAttachmentUrl } from '@/lib/links/attachments';
import { WebhookMessageSchema } from '@/lib/validation/intake-api';
import type { Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { mapInOrder } from '../core/in-order';
import { applyCaseAction } from '../cases/apply-case-action';
import { removeChannelWebhook } from '../admin/channel-webhooks';
import { appUrl, verifyCaseAccess } from '../portal/portal-access';
import { fileThroughApi, noMailTransport as noMail, openApiChannel } from '../testing/api-channel';
import { bogota, caseRow, customerActor, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { startWebhookReceiver, type TestWebhookReceiver } from '../testing/webhook-receiver';
import { validate } from '@readme/openapi-parser';
import { openApiDocument } from '../intake/openapi';
import { listOutbox } from './outbox-view';
import { deliverDueMail, retryDelayMs } from './sender';

const FILED = bogota('2026-03-13T16:30:00');
const MONDAY = bogota('2026-03-16T10:00:00');
const MINUTE = 60_000;
const at = (minutes: number, from = MONDAY) => new Date(from.getTime() + minutes * MINUTE);

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let receiver: TestWebhookReceiver;
let secret: string;
let channelId: number;
let apiKey: string;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  receiver = await startWebhookReceiver(() => secret);
  ({ channelId, apiKey, secret } = await openApiChannel(db, fx.admin, receiver.url, FILED));
});
afterEach(async () => {
  await receiver.close();
  await cleanup();
});

const fileViaApi = () => fileThroughApi(db, apiKey, FILED);
const act = (caseId: number, input: object, now = MONDAY, actor: Actor = fx.agent) =>
  applyCaseAction(makeCtx(db, actor, now), { caseId, ...input });

const hooksOf = async (caseId: number) =>
  await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), eq(outbox.medium, 'webhook')))
    .orderBy(outbox.id);
const rowOf = async (id: number) => await one(db.select().from(outbox).where(eq(outbox.id, id)));
const deliver = (now: Date, extra: { webhookTimeoutMs?: number } = {}) =>
  deliverDueMail({ db, transport: noMail, now, ...extra });

/** A case filed through the channel and taken by the agent, with one reply queued for the webhook. */
async function oneReply(body = 'Revisamos su factura.'): Promise<number> {
  const id = await fileViaApi();
  await act(id, { action: 'take' });
  await act(id, { action: 'reply', body });
  const [row, ...rest] = await hooksOf(id);
  expect(rest).toEqual([]);
  return row!.id;
}

describe('an API-channel case: every public message is POSTed to the channel, signed', () => {
  it('queues one webhook row per public message, none for a note, and the receiver verifies each', async () => {
    const id = await fileViaApi();
    expect(await caseRow(db, id)).toMatchObject({
      responseMedium: 'api',
      intakeChannelId: channelId,
    });
    await act(id, { action: 'take' });
    const reply = await act(
      id,
      // As a browser form sends it: \r\n line ends.
      { action: 'reply', body: 'Revisamos su factura.\r\n\r\nLe escribimos pronto.' },
      MONDAY,
    );
    await act(id, { action: 'note', body: 'Nota interna: no se envía.' });
    await act(id, { action: 'request_info', body: 'Envíe la factura de febrero.' });
    await act(
      id,
      { action: 'provide_info', body: 'Adjunto la factura.' },
      MONDAY,
      customerActor(id),
    );
    await act(id, {
      action: 'add_promise',
      description: 'Le llamaremos el jueves',
      dueAt: bogota('2026-03-19T10:00:00').toISOString(),
    });
    await act(id, {
      action: 'extend',
      reason: 'Requiere visita técnica',
      newDueDate: '2026-04-22',
    });
    await act(id, { action: 'answer', body: 'Reintegramos el cobro doble.', decision: 'concede' });

    const rows = await hooksOf(id);
    expect(rows.map((r) => r.kind)).toEqual([
      'reply',
      'info_request',
      'promise_made',
      'extension',
      'answer',
    ]);
    // Nothing about this case goes by e-mail (no address given: the channel is the only way).
    expect(await db.select().from(outbox).where(eq(outbox.medium, 'email'))).toEqual([]);
    for (const r of rows) {
      expect(r).toMatchObject({
        medium: 'webhook',
        channelId,
        toAddress: receiver.url,
        bodyHtml: null,
        status: 'pending',
      });
    }
    expect(rows[0]!.messageId).toBe(`<event.${reply.eventId}@ventanilla.local>`);

    expect(await deliver(MONDAY)).toEqual({ sent: 5, retried: 0, failed: 0 });
    expect(receiver.received).toHaveLength(5);
    expect(receiver.received.every((h) => h.signatureValid)).toBe(true);
    expect(receiver.received.map((h) => h.json.kind)).toEqual(rows.map((r) => r.kind));
    const first = receiver.received[0]!;
    expect(first.contentType).toBe('application/json');
    expect(first.timestamp).toBe(String(MONDAY.getTime() / 1000));
    expect(first.eventId).toBe(`event.${reply.eventId}@ventanilla.local`);
    expect(first.json).toMatchObject({
      messageId: first.eventId,
      radicado: (await caseRow(db, id)).radicado,
      kind: 'reply',
      locale: 'es',
      createdAt: MONDAY.toISOString(),
      attachments: [],
    });
    // The body is exactly the documented payload (OpenAPI `webhooks.caseMessage`).
    expect(WebhookMessageSchema.strict().parse(first.json)).toEqual(first.json);
    expect(first.json.text).toContain('Revisamos su factura.\n\nLe escribimos pronto.');
    expect(first.json.accessUrl).toMatch(/\/consulta\/acceso\?token=/);
    const answer = receiver.received[4]!.json;
    expect(answer.text).toContain('Reintegramos el cobro doble.');
    expect(answer.text).toMatch(/Decisión: /);
    expect((await mapInOrder(rows, (r) => rowOf(r.id))).map((r) => r.status)).toEqual(
      Array(5).fill('sent'),
    );

    // Delivered is delivered: another run sends nothing again.
    expect(await deliver(at(60))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(receiver.received).toHaveLength(5);
  });

  it('links the files sent with a message by absolute download address, signed for that case', async () => {
    const id = await fileViaApi();
    await act(id, { action: 'take' });
    await applyCaseAction(
      makeCtx(db, fx.agent, MONDAY),
      { caseId: id, action: 'reply', body: 'Le enviamos la nota crédito.' },
      {
        attachments: [
          {
            storedName: '0b7e4a52-8d1c-4f63-9a57-3c2e1d0f9b8a',
            originalName: 'nota-credito.pdf',
            mimeType: 'application/pdf',
            sizeBytes: 2048,
            sha256: 'a'.repeat(64),
          },
        ],
      },
    );
    const [row] = await hooksOf(id);
    const [fileId] = row!.attachmentIds!;
    await deliver(MONDAY);
    const [link] = WebhookMessageSchema.parse(receiver.received[0]!.json).attachments;
    expect(link).toMatchObject({ name: 'nota-credito.pdf', size: 2048, type: 'application/pdf' });
    // The receiver has no portal session: the link carries a signed, expiring token for the case.
    const url = new URL(link!.url);
    const { radicado } = await caseRow(db, id);
    expect(`${url.origin}${url.pathname}`).toBe(
      `${appUrl()}${portalAttachmentUrl(radicado, fileId!)}`,
    );
    expect(verifyCaseAccess(url.searchParams.get('token'), MONDAY, 'link')?.caseId).toBe(id);
  });
});

describe('delivery outcomes', () => {
  it('retries after a 500 with the backoff and then delivers the same message once', async () => {
    const id = await oneReply();
    receiver.replyNext(500);
    expect(await deliver(MONDAY)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await rowOf(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'HTTP 500: status 500',
      nextAttemptAt: at(retryDelayMs(1) / MINUTE),
    });
    // Not due yet.
    expect(await deliver(at(0.5))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await deliver(at(1))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(receiver.received.map((h) => h.eventId)).toEqual(
      Array(2).fill(receiver.received[0]!.eventId),
    );
    expect(receiver.accepted.size).toBe(1);
  });

  it.each([408, 429, 302])(
    'treats %i as temporary (a redirect is not followed)',
    async (status) => {
      const id = await oneReply();
      receiver.replyNext(status);
      expect((await deliver(MONDAY)).retried).toBe(1);
      expect((await rowOf(id)).lastError).toContain(`HTTP ${status}`);
      expect(receiver.received).toHaveLength(1);
      expect((await deliver(at(1))).sent).toBe(1);
    },
  );

  it.each([400, 404, 410, 422])('fails for good on a %i, keeping the error', async (status) => {
    const id = await oneReply();
    receiver.replyNext(status);
    expect(await deliver(MONDAY)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await rowOf(id)).lastError).toBe(`HTTP ${status}: status ${status}`);
    expect(await deliver(at(600))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer in time and tries again later', async () => {
    const id = await oneReply();
    receiver.replyNext('hang');
    const started = Date.now();
    expect((await deliver(MONDAY, { webhookTimeoutMs: 300 })).retried).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await rowOf(id)).lastError).toBe('no answer within 0.3 s');
    // It had kept the message though: the retry is a duplicate the receiver recognises.
    expect((await deliver(at(1))).sent).toBe(1);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.accepted.size).toBe(1);
  });

  it('retries when nothing listens at the address', async () => {
    const id = await oneReply();
    await receiver.close();
    expect((await deliver(MONDAY)).retried).toBe(1);
    expect((await rowOf(id)).lastError).toMatch(/ECONNREFUSED/);
    receiver = await startWebhookReceiver(() => secret);
  });

  it('fails a queued message whose channel lost its webhook; later ones fall back to e-mail (none here)', async () => {
    const id = await oneReply();
    const caseId = (await rowOf(id)).caseId!;
    await removeChannelWebhook(makeCtx(db, fx.admin, MONDAY), { id: channelId });
    expect(await deliver(MONDAY)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await rowOf(id)).toMatchObject({
      status: 'failed',
      lastError: 'the channel has no webhook any more',
    });
    // Without the webhook an unidentified API filer has no address: nothing is queued.
    await act(caseId, { action: 'reply', body: 'Otro mensaje.' });
    expect(await hooksOf(caseId)).toHaveLength(1);
  });
});

describe('the delivery log', () => {
  it('shows webhook rows with medium, destination, status, attempts and last error', async () => {
    const id = await oneReply();
    receiver.replyNext(503);
    await deliver(MONDAY);
    const log = await listOutbox(makeCtx(db, fx.supervisor, MONDAY), { medium: 'webhook' });
    expect(log.rows).toEqual([
      expect.objectContaining({
        id,
        medium: 'webhook',
        toAddress: receiver.url,
        kind: 'reply',
        status: 'pending',
        attempts: 1,
        lastError: 'HTTP 503: status 503',
      }),
    ]);
    expect(
      (await listOutbox(makeCtx(db, fx.supervisor, MONDAY), { medium: 'email' })).rows,
    ).toEqual([]);
    // An unknown medium means any.
    expect((await listOutbox(makeCtx(db, fx.supervisor, MONDAY), { medium: 'fax' })).total).toBe(1);
  });
});

describe('the contract', () => {
  it('documents the webhook in the OpenAPI document, which stays valid', async () => {
    const doc = openApiDocument('https://ventanilla.example');
    const result = await validate(structuredClone(doc) as never);
    expect('errors' in result ? result.errors : []).toEqual([]);
    const hook = doc.webhooks.caseMessage.post;
    expect(hook.parameters.map((p) => p.name)).toEqual([
      'X-Ventanilla-Event-Id',
      'X-Ventanilla-Timestamp',
      'X-Ventanilla-Signature',
    ]);
    expect(hook.description).toContain('HMAC-SHA256');
    expect(hook.description).toContain('X-Ventanilla-Event-Id');
    const payload = doc.components.schemas.WebhookMessage as { required: string[] };
    expect(payload.required).toEqual(
      expect.arrayContaining(['messageId', 'radicado', 'kind', 'text', 'attachments']),
    );
  });
});
