import { first } from '@/db/rows';
/** A channel's webhook (issue 12): set, rotate, remove; secret shown once; who may; what is valid. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, intakeChannels, outbox } from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { HTTP_STATUS } from '../core/errors';
import { applyCaseAction } from '../cases/apply-case-action';
import { createCaseViaApi } from '../intake/handlers';
import { createApiKey, unsealSecret } from '../intake/keys';
import { captureAppError, caseRow, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { createChannel, listChannels } from './api-keys-admin';
import {
  removeChannelWebhook,
  rotateChannelWebhookSecret,
  setChannelWebhook,
} from './channel-webhooks';

const NOW = new Date('2026-03-16T15:00:00Z');
const HOOK = 'https://bot.example.co/ventanilla/hook?token=abc';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let channelId: number;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  channelId = (
    await createChannel(makeCtx(db, fx.admin, NOW), { name: 'WhatsApp', channel: 'whatsapp' })
  ).id;
});
afterEach(() => cleanup());

const admin = () => makeCtx(db, fx.admin, NOW);
const channel = async () =>
  (await first(db.select().from(intakeChannels).where(eq(intakeChannels.id, channelId))))!;
const adminEvents = async () =>
  (
    await db
      .select({ action: caseEvents.action, data: caseEvents.data, actorId: caseEvents.actorId })
      .from(caseEvents)
  ).filter((e) => e.action.startsWith('intake_channel_webhook'));

describe('setting a webhook', () => {
  it('stores the URL and a sealed secret, returns the secret once, and audits without it', async () => {
    const { secret } = await setChannelWebhook(admin(), { id: channelId, webhookUrl: HOOK });
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    const row = await channel();
    expect(row.webhookUrl).toBe(HOOK);
    expect(row.webhookSecretSealed).not.toContain(secret);
    expect(unsealSecret(row.webhookSecretSealed!)).toBe(secret);
    // A new URL keeps the secret (the receiver keeps verifying); nothing is shown again.
    const again = await setChannelWebhook(admin(), {
      id: channelId,
      webhookUrl: 'http://127.0.0.1:8080/hook',
    });
    expect(again.secret).toBeNull();
    expect(unsealSecret((await channel()).webhookSecretSealed!)).toBe(secret);
    const events = await adminEvents();
    expect(events.map((e) => e.action)).toEqual([
      'intake_channel_webhook_set',
      'intake_channel_webhook_set',
    ]);
    expect(events[0]).toMatchObject({
      actorId: fx.admin.id,
      data: { channelId, url: 'https://bot.example.co/ventanilla/hook', newSecret: true },
    });
    expect(JSON.stringify(events)).not.toContain(secret!);
    // The listing says a secret exists, never what it is.
    const [listed] = await listChannels(admin());
    expect(listed).toMatchObject({
      webhookUrl: 'http://127.0.0.1:8080/hook',
      hasWebhookSecret: true,
    });
    expect(JSON.stringify(listed)).not.toContain(row.webhookSecretSealed!);
  });

  it.each([
    ['plain http to another host', 'http://bot.example.co/hook'],
    ['not a URL', 'bot.example.co/hook'],
    ['another scheme', 'ftp://bot.example.co/hook'],
    ['credentials in the URL', 'https://user:pass@bot.example.co/hook'],
    ['empty', '  '],
  ])('refuses %s with 422 on webhookUrl, writing nothing', async (_label, webhookUrl) => {
    const error = await captureAppError(() =>
      setChannelWebhook(admin(), { id: channelId, webhookUrl }),
    );
    expect(HTTP_STATUS[error.code]).toBe(422);
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['webhookUrl']);
    expect(await channel()).toMatchObject({ webhookUrl: null, webhookSecretSealed: null });
    expect(await adminEvents()).toEqual([]);
  });

  it.each(['localhost', '127.0.0.1', '[::1]'])('allows plain http to %s', async (host) => {
    await setChannelWebhook(admin(), { id: channelId, webhookUrl: `http://${host}:9000/h` });
    expect((await channel()).webhookUrl).toBe(`http://${host}:9000/h`);
  });

  it('is for admins only (403), and 404 for an unknown channel', async () => {
    for (const actor of [fx.agent, fx.supervisor]) {
      const ctx = makeCtx(db, actor, NOW);
      for (const call of [
        () => setChannelWebhook(ctx, { id: channelId, webhookUrl: HOOK }),
        () => rotateChannelWebhookSecret(ctx, { id: channelId }),
        () => removeChannelWebhook(ctx, { id: channelId }),
      ]) {
        expect(HTTP_STATUS[(await captureAppError(call)).code]).toBe(403);
      }
    }
    const missing = await captureAppError(() =>
      setChannelWebhook(admin(), { id: 999, webhookUrl: HOOK }),
    );
    expect(HTTP_STATUS[missing.code]).toBe(404);
    expect((await channel()).webhookUrl).toBeNull();
  });
});

describe('rotating and removing', () => {
  it('rotates to a new secret shown once, and removes URL and secret', async () => {
    const { secret } = await setChannelWebhook(admin(), { id: channelId, webhookUrl: HOOK });
    const rotated = await rotateChannelWebhookSecret(admin(), { id: channelId });
    expect(rotated.secret).not.toBe(secret);
    expect(unsealSecret((await channel()).webhookSecretSealed!)).toBe(rotated.secret);
    await removeChannelWebhook(admin(), { id: channelId });
    expect(await channel()).toMatchObject({ webhookUrl: null, webhookSecretSealed: null });
    expect((await adminEvents()).map((e) => e.action)).toEqual([
      'intake_channel_webhook_set',
      'intake_channel_webhook_rotated',
      'intake_channel_webhook_removed',
    ]);
    // Nothing to rotate any more.
    const error = await captureAppError(() =>
      rotateChannelWebhookSecret(admin(), { id: channelId }),
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['webhookUrl']);
  });
});

describe('how a filing is answered', () => {
  const apiFiling = (key: string) =>
    createCaseViaApi(
      makeCtx(db, SYSTEM_ACTOR, NOW),
      new Request('http://localhost/api/v1/cases', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
        body: JSON.stringify({
          typeCode: 'P',
          subject: 'Horario de atención',
          description: 'Quisiera saber el horario de atención de la oficina principal.',
          responseAddress: 'ana@example.co',
        }),
      }),
    );
  const caseOf = async (response: Response) => {
    expect(response.status).toBe(201);
    const { radicado } = (await response.json()) as { radicado: string };
    return (await db.query.cases.findFirst({
      where: (c, { eq: is }) => is(c.radicado, radicado),
    }))!;
  };

  it('through the channel when it has a webhook, by e-mail when not; the channel is recorded', async () => {
    const { key } = await createApiKey(db, { channelId, name: 'bot', withSigningSecret: false });
    const before = await caseOf(await apiFiling(key));
    expect(before).toMatchObject({ responseMedium: 'email', intakeChannelId: channelId });
    await setChannelWebhook(admin(), { id: channelId, webhookUrl: HOOK });
    const after = await caseOf(await apiFiling(key));
    expect(after).toMatchObject({ responseMedium: 'api', intakeChannelId: channelId });
  });

  it('refuses a person or staff choosing the channel as medium (422 on responseMedium)', async () => {
    await setChannelWebhook(admin(), { id: channelId, webhookUrl: HOOK });
    const web = await captureAppError(() => fileCase(db, { responseMedium: 'api' }));
    expect(Object.keys(web.fieldErrors ?? {})).toEqual(['responseMedium']);
    const chat = await captureAppError(() =>
      fileCase(db, { channel: 'chat', responseMedium: 'api' }, NOW, fx.agent),
    );
    expect(HTTP_STATUS[chat.code]).toBe(422);
    expect(Object.keys(chat.fieldErrors ?? {})).toEqual(['responseMedium']);
    const { id } = await fileCase(db, { responseMedium: 'email' });
    expect((await caseRow(db, id)).responseMedium).toBe('email');
  });

  it('an identified petitioner gets the constancia by e-mail, messages through the channel, and e-mail again once the webhook is gone', async () => {
    const { key } = await createApiKey(db, { channelId, name: 'bot', withSigningSecret: false });
    await setChannelWebhook(admin(), { id: channelId, webhookUrl: HOOK });
    const response = await createCaseViaApi(
      makeCtx(db, SYSTEM_ACTOR, NOW),
      new Request('http://localhost/api/v1/cases', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
        body: JSON.stringify({
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
        }),
      }),
    );
    const { id } = await caseOf(response);
    const agent = makeCtx(db, fx.agent, NOW);
    await applyCaseAction(agent, { caseId: id, action: 'take' });
    await applyCaseAction(agent, { caseId: id, action: 'reply', body: 'Atendemos de 8 a 5.' });
    await removeChannelWebhook(admin(), { id: channelId });
    await applyCaseAction(agent, { caseId: id, action: 'reply', body: 'Y los sábados de 8 a 12.' });
    const sent = await db
      .select({ kind: outbox.kind, medium: outbox.medium, to: outbox.toAddress })
      .from(outbox)
      .where(eq(outbox.caseId, id))
      .orderBy(outbox.id);
    expect(sent).toEqual([
      { kind: 'constancia', medium: 'email', to: 'ana@example.co' },
      { kind: 'reply', medium: 'webhook', to: HOOK },
      { kind: 'reply', medium: 'email', to: 'ana@example.co' },
    ]);
  });
});
