import { first as firstRow } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { validate } from '@readme/openapi-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { apiKeys, cases, outbox } from '@/db/tables';
import { CASE_TYPES } from '@/lib/domain/enums';
import { applyCaseAction } from '../cases/apply-case-action';
import { caseRow, countRows, eventsOf, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { addMessageViaApi, API_RATE, createCaseViaApi, getCaseViaApi } from './handlers';
import { createApiKey, ensureIntakeChannel } from './keys';
import { openApiDocument } from './openapi';
import { signBody } from './signature';
import { makeCtx } from '@/lib/server/core/context';
import { SYSTEM_ACTOR } from '../core/actor';

const NOW = new Date('2026-03-16T15:00:00Z');
const URL_BASE = 'http://localhost/api/v1';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let whatsapp: { key: string; channelId: number };
let signed: { key: string; secret: string };

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  const channelId = await ensureIntakeChannel(db, 'WhatsApp línea 1', 'whatsapp');
  whatsapp = {
    key: (await createApiKey(db, { channelId, name: 'bot', withSigningSecret: false })).key,
    channelId,
  };
  const chat = await ensureIntakeChannel(db, 'Chat web', 'chat');
  const created = await createApiKey(db, {
    channelId: chat,
    name: 'chat',
    withSigningSecret: true,
  });
  signed = { key: created.key, secret: created.signingSecret! };
});
afterEach(() => cleanup());

const ctx = () => makeCtx(db, SYSTEM_ACTOR, NOW);
const filing = {
  typeCode: 'R',
  subject: 'Cobro doble en la factura',
  description: 'Me cobraron dos veces el servicio de marzo; solicito la devolución.',
  customer: {
    documentType: 'CC',
    documentNumber: '1020304050',
    fullName: 'Ana Pérez',
    email: 'ana@example.co',
  },
  hasConsent: true,
};

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return new Request(`${URL_BASE}${path}`, {
    method: 'POST',
    body: raw,
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${whatsapp.key}`,
      ...headers,
    },
  });
}
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${URL_BASE}${path}`, {
    headers: { Authorization: `Bearer ${whatsapp.key}`, ...headers },
  });

async function fileOne(headers: Record<string, string> = {}) {
  const response = await createCaseViaApi(ctx(), post('/cases', filing, headers));
  return { response, body: await response.json() };
}

describe('authentication', () => {
  it.each([
    ['no key', {}],
    ['a malformed key', { Authorization: 'Bearer nope' }],
    ['an unknown key', { Authorization: 'Bearer vnt_ABCDEFGH_abcdefghijklmnopqrstuvwxyz012345' }],
  ])('refuses %s with 401 problem details', async (_label, headers) => {
    const request = new Request(`${URL_BASE}/cases`, {
      method: 'POST',
      body: JSON.stringify(filing),
      headers,
    });
    const response = await createCaseViaApi(ctx(), request);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="ventanilla"');
    expect(await response.json()).toMatchObject({
      status: 401,
      type: expect.stringContaining('unauthenticated'),
    });
    expect(await countRows(db, cases)).toBe(0);
  });

  it('refuses a revoked key', async () => {
    await db.update(apiKeys).set({ revokedAt: NOW });
    expect((await fileOne()).response.status).toBe(401);
  });

  describe('with a signing secret', () => {
    const raw = JSON.stringify(filing);
    const t = Math.floor(NOW.getTime() / 1000);
    const send = (signature?: string) =>
      createCaseViaApi(
        ctx(),
        post('/cases', raw, {
          Authorization: `Bearer ${signed.key}`,
          ...(signature ? { 'X-Ventanilla-Signature': signature } : {}),
        }),
      );

    it('accepts a body signed with it', async () => {
      expect((await send(signBody(signed.secret, raw, t))).status).toBe(201);
    });
    it.each([
      ['no signature', () => undefined],
      ['a wrong secret', () => signBody('whsec_wrong', raw, t)],
      ['another body', () => signBody(signed.secret, `${raw} `, t)],
      ['a signature ten minutes old', () => signBody(signed.secret, raw, t - 600)],
      ['garbage', () => 't=abc,v1=xyz'],
    ])('refuses %s with 401', async (_label, signature) => {
      expect((await send(signature())).status).toBe(401);
      expect(await countRows(db, cases)).toBe(0);
    });
  });

  it('records a key’s last use to the minute, not on every request', async () => {
    const lastUsed = async () =>
      (
        await firstRow(
          db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.name, 'bot')),
        )
      )?.at;
    const at = (ms: number) => makeCtx(db, SYSTEM_ACTOR, new Date(NOW.getTime() + ms));
    const { body } = await fileOne();
    expect(await lastUsed()).toEqual(NOW);
    const read = (ms: number) =>
      getCaseViaApi(at(ms), get(`/cases/${body.radicado}`), { radicado: body.radicado });
    expect((await read(59_000)).status).toBe(200);
    expect(await lastUsed()).toEqual(NOW);
    expect((await read(60_000)).status).toBe(200);
    expect(await lastUsed()).toEqual(new Date(NOW.getTime() + 60_000));
  });

  it('limits each key to its rate and says when to retry', async () => {
    const { body } = await fileOne();
    let last: Response | undefined;
    for (let i = 0; i < API_RATE.points; i++)
      last = await getCaseViaApi(ctx(), get(`/cases/${body.radicado}`), {
        radicado: body.radicado,
      });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('POST /api/v1/cases', () => {
  it('files the case on the key’s channel, queues the constancia and points to its status', async () => {
    const { response, body } = await fileOne();
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/cases/${body.radicado}`);
    expect(body).toMatchObject({
      typeCode: 'R',
      state: 'radicada',
      stateLabel: 'Radicada',
      // Filed Monday 16 March: day 1 is the 17th; San José and Holy Week skipped, day 15 is 9 April.
      dueDate: '2026-04-09',
      isPaused: false,
      answeredAt: null,
    });
    const row = (await firstRow(db.select().from(cases).where(eq(cases.radicado, body.radicado))))!;
    expect(row.channel).toBe('whatsapp');
    expect((await eventsOf(db, row.id))[0]!.data).toMatchObject({
      intakeChannelId: whatsapp.channelId,
    });
    expect(await db.select({ to: outbox.toAddress, kind: outbox.kind }).from(outbox)).toEqual([
      { to: 'ana@example.co', kind: 'constancia' },
    ]);
  });

  it('answers an invalid body with 422 and the messages of each field, in the client’s language', async () => {
    const bad = {
      typeCode: 'X',
      subject: 'abc',
      description: 'corto',
      customer: { documentType: 'CC' },
    };
    const es = await createCaseViaApi(ctx(), post('/cases', bad));
    expect(es.status).toBe(422);
    const problem = await es.json();
    expect(problem).toMatchObject({ status: 422, title: 'Revise los campos marcados.' });
    expect(Object.keys(problem.errors).sort()).toEqual(
      ['customer.documentNumber', 'customer.fullName', 'description', 'subject', 'typeCode'].sort(),
    );
    const en = await createCaseViaApi(ctx(), post('/cases', bad, { 'Accept-Language': 'en-US' }));
    expect((await en.json()).title).not.toBe(problem.title);
    expect(await countRows(db, cases)).toBe(0);
  });

  it('answers a body that is not JSON with 422', async () => {
    const response = await createCaseViaApi(ctx(), post('/cases', '{"typeCode": '));
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toHaveProperty('body');
  });

  it('creates one case for the same Idempotency-Key twice, and answers the same', async () => {
    const first = await fileOne({ 'Idempotency-Key': 'pedido-42' });
    const again = await fileOne({ 'Idempotency-Key': 'pedido-42' });
    expect(again.response.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(await countRows(db, cases)).toBe(1);
    expect((await fileOne({ 'Idempotency-Key': 'pedido-43' })).body.radicado).not.toBe(
      first.body.radicado,
    );
  });

  it('refuses the same Idempotency-Key with another body', async () => {
    await fileOne({ 'Idempotency-Key': 'k1' });
    const other = await createCaseViaApi(
      ctx(),
      post('/cases', { ...filing, subject: 'Otro asunto distinto' }, { 'Idempotency-Key': 'k1' }),
    );
    expect(other.status).toBe(422);
    expect((await other.json()).errors).toHaveProperty('Idempotency-Key');
    expect(await countRows(db, cases)).toBe(1);
  });

  it('replays a refusal too: a retried invalid request stays refused the same way', async () => {
    const a = await createCaseViaApi(
      ctx(),
      post('/cases', { typeCode: 'R' }, { 'Idempotency-Key': 'bad-1' }),
    );
    const b = await createCaseViaApi(
      ctx(),
      post('/cases', { typeCode: 'R' }, { 'Idempotency-Key': 'bad-1' }),
    );
    expect([a.status, b.status]).toEqual([422, 422]);
    expect(await b.json()).toEqual(await a.json());
  });
});

describe('GET /api/v1/cases/{radicado} and messages', () => {
  it('reads its own channel’s cases only', async () => {
    const { body } = await fileOne();
    const mine = await getCaseViaApi(ctx(), get(`/cases/${body.radicado}`), {
      radicado: body.radicado,
    });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual(body);
    const other = await getCaseViaApi(
      ctx(),
      get(`/cases/${body.radicado}`, {
        Authorization: `Bearer ${signed.key}`,
        'X-Ventanilla-Signature': signBody(signed.secret, '', Math.floor(NOW.getTime() / 1000)),
      }),
      { radicado: body.radicado },
    );
    expect(other.status).toBe(404);
    expect(
      (await getCaseViaApi(ctx(), get('/cases/PQRS-2026-999999'), { radicado: 'PQRS-2026-999999' }))
        .status,
    ).toBe(404);
  });

  it('adds the petitioner’s message, answering an information request, once per Idempotency-Key', async () => {
    const { body } = await fileOne();
    const id = (await firstRow(db.select().from(cases).where(eq(cases.radicado, body.radicado))))!
      .id;
    await applyCaseAction(makeCtx(db, fx.agent, NOW), { caseId: id, action: 'take' });
    await applyCaseAction(makeCtx(db, fx.agent, NOW), {
      caseId: id,
      action: 'request_info',
      body: 'Envíe la factura.',
    });
    const send = () =>
      addMessageViaApi(
        ctx(),
        post(
          `/cases/${body.radicado}/messages`,
          { body: 'Factura 778 de marzo.' },
          { 'Idempotency-Key': 'm1' },
        ),
        { radicado: body.radicado },
      );
    const first = await send();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ radicado: body.radicado, state: 'en_tramite' });
    expect((await send()).headers.get('idempotent-replayed')).toBe('true');
    expect((await caseRow(db, id)).state).toBe('en_tramite');
    expect((await eventsOf(db, id)).filter((e) => e.action === 'provide_info')).toHaveLength(1);

    const note = await addMessageViaApi(
      ctx(),
      post(`/cases/${body.radicado}/messages`, { body: '¿Novedades?' }),
      { radicado: body.radicado },
    );
    expect(await note.json()).toMatchObject({ state: 'en_tramite' });
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      action: 'customer_message',
      data: { channel: 'whatsapp' },
    });

    const empty = await addMessageViaApi(
      ctx(),
      post(`/cases/${body.radicado}/messages`, { body: '' }),
      { radicado: body.radicado },
    );
    expect(empty.status).toBe(422);
  });
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document generated from the same schemas', async () => {
    const doc = openApiDocument('https://ventanilla.example');
    const result = await validate(structuredClone(doc) as never);
    expect('errors' in result ? result.errors : []).toEqual([]);
    expect(result).toMatchObject({ valid: true, specification: 'OpenAPI' });
    const createCase = doc.components.schemas.CreateCase as {
      properties: { typeCode: { enum: string[] } };
      required: string[];
    };
    expect(createCase.properties.typeCode.enum).toEqual([...CASE_TYPES]);
    expect(createCase.required).toEqual(
      expect.arrayContaining(['typeCode', 'subject', 'description']),
    );
    expect(Object.keys(doc.paths)).toEqual([
      '/api/v1/cases',
      '/api/v1/cases/{radicado}',
      '/api/v1/cases/{radicado}/messages',
    ]);
  });
});
