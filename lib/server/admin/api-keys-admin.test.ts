/** Channels and API keys (issue 7, item 6): shown once, stored hashed, revocable, last use. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { apiKeys, caseEvents, intakeChannels } from '@/db/tables';
import { HTTP_STATUS } from '../core/errors';
import { createCaseViaApi } from '../intake/handlers';
import { captureAppError, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import {
  createApiKeyForChannel,
  createChannel,
  listChannels,
  revokeApiKey,
  setChannelActive,
} from './api-keys-admin';
import { makeCtx } from '../core/context';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';

const NOW = new Date('2026-03-16T15:00:00Z');
const LATER = new Date('2026-03-17T16:30:00Z');

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let channelId: number;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  channelId = (
    await createChannel(makeCtx(db, fx.admin, NOW), {
      name: 'WhatsApp línea 1',
      channel: 'whatsapp',
    })
  ).id;
});
afterEach(() => cleanup());

const filing = {
  typeCode: 'P',
  subject: 'Horario de atención',
  description: 'Quisiera saber el horario de atención de la oficina principal.',
  customer: {
    documentType: 'CC',
    documentNumber: '1020304050',
    fullName: 'Ana Pérez',
    email: 'ana@example.co',
  },
  hasConsent: true,
};

function callApi(key: string, now: Date) {
  const request = new Request('http://localhost/api/v1/cases', {
    method: 'POST',
    body: JSON.stringify(filing),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
  });
  return createCaseViaApi(makeCtx(db, SYSTEM_ACTOR, now), request);
}

/** Every text value of every api_keys row and every audit event's data and body. */
async function storedText(): Promise<string> {
  const keys = await db.select().from(apiKeys);
  const events = await db.select({ data: caseEvents.data, body: caseEvents.body }).from(caseEvents);
  return JSON.stringify([keys, events]);
}

describe('API keys', () => {
  it('stores neither the key nor the signing secret in clear, and lists only the prefix', async () => {
    const created = await createApiKeyForChannel(makeCtx(db, fx.admin, NOW), {
      channelId,
      name: 'Bot',
      withSigningSecret: 'on',
    });
    expect(created.key).toMatch(/^vnt_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
    expect(created.signingSecret).toMatch(/^whsec_/);
    const secretPart = created.key.split('_')[2]!;
    for (const text of [
      await storedText(),
      JSON.stringify(await listChannels(makeCtx(db, fx.admin))),
    ]) {
      expect(text).not.toContain(created.key);
      expect(text).not.toContain(secretPart);
      expect(text).not.toContain(created.signingSecret);
    }
    const [channel] = await listChannels(makeCtx(db, fx.admin));
    expect(channel?.keys).toEqual([
      expect.objectContaining({
        name: 'Bot',
        prefix: created.prefix,
        signed: true,
        lastUsedAt: null,
      }),
    ]);
    const event = (await db.select().from(caseEvents)).find((e) => e.action === 'api_key_created');
    expect(event).toMatchObject({ caseId: null, actorId: fx.admin.id });
    expect(event?.data).toMatchObject({ prefix: created.prefix, signed: true });
  });

  it('records the last use, and a revoked key gets 401', async () => {
    const { key, id } = await createApiKeyForChannel(makeCtx(db, fx.admin, NOW), {
      channelId,
      name: 'Bot',
      withSigningSecret: '',
    });
    expect((await callApi(key, LATER)).status).toBe(201);
    expect((await listChannels(makeCtx(db, fx.admin)))[0]?.keys[0]?.lastUsedAt).toEqual(LATER);
    await revokeApiKey(makeCtx(db, fx.admin, LATER), { id });
    expect((await callApi(key, LATER)).status).toBe(401);
    expect((await listChannels(makeCtx(db, fx.admin)))[0]?.keys[0]?.revokedAt).toEqual(LATER);
    const revoked = (await db.select().from(caseEvents)).find(
      (e) => e.action === 'api_key_revoked',
    );
    expect(revoked?.data).toMatchObject({ apiKeyId: id });
  });

  it('a deactivated channel turns its keys away with 401', async () => {
    const { key } = await createApiKeyForChannel(makeCtx(db, fx.admin, NOW), {
      channelId,
      name: 'Bot',
    });
    await setChannelActive(makeCtx(db, fx.admin, NOW), { id: channelId, active: 'false' });
    expect((await callApi(key, LATER)).status).toBe(401);
  });

  it('refuses a duplicate channel name and an unknown kind with 422', async () => {
    const dup = await captureAppError(() =>
      createChannel(makeCtx(db, fx.admin), { name: 'WhatsApp línea 1', channel: 'chat' }),
    );
    expect(HTTP_STATUS[dup.code]).toBe(422);
    expect(dup.fieldErrors).toEqual({ name: ['duplicate'] });
    const kind = await captureAppError(() =>
      createChannel(makeCtx(db, fx.admin), { name: 'Web', channel: 'web' }),
    );
    expect(kind.fieldErrors).toEqual({ channel: ['invalid'] });
    expect(await db.select().from(intakeChannels)).toHaveLength(1);
  });

  it('refuses agents and supervisors with 403', async () => {
    const { id } = await createApiKeyForChannel(makeCtx(db, fx.admin, NOW), {
      channelId,
      name: 'Bot',
    });
    for (const actor of [fx.agent, fx.supervisor]) {
      for (const attempt of [
        () => createChannel(makeCtx(db, actor), { name: 'Chat', channel: 'chat' }),
        () => setChannelActive(makeCtx(db, actor), { id: channelId, active: 'false' }),
        () => createApiKeyForChannel(makeCtx(db, actor), { channelId, name: 'Otra' }),
        () => revokeApiKey(makeCtx(db, actor), { id }),
      ]) {
        expect(HTTP_STATUS[(await captureAppError(attempt)).code]).toBe(403);
      }
    }
    expect(await db.select().from(apiKeys)).toHaveLength(1);
  });
});
