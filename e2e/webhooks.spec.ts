import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
  startWebhookReceiver,
  type TestWebhookReceiver,
} from '../lib/server/testing/webhook-receiver';
import { caseByRadicado, queryDb } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  formAlert,
  openAction,
  signInAs,
  snap,
  test,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.12.${randomInt(256)}.${randomInt(1, 255)}` },
});

let receiver: TestWebhookReceiver;
let secret = '';
test.beforeAll(async () => {
  receiver = await startWebhookReceiver(() => secret);
});
test.afterAll(async () => {
  await receiver.close();
});

async function bothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1366, height: 900 });
  await snap(page, `${name}-1366`);
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, `${name}-360`);
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('an admin gives a channel a webhook; the agent’s reply is POSTed there, signed, and logged', async ({
  page,
}) => {
  const admin = createStaff({ role: 'admin', name: 'Adela Admin' });
  const agent = createStaff({ name: 'Camila Duarte', teamName: 'Canales' });
  const channelName = `Chat web ${admin.id}`;
  await signInAs(page, admin);
  await page.setViewportSize({ width: 1366, height: 900 });

  // The channel and its key.
  await page.goto('/admin/canales');
  const newChannel = page.getByRole('form', { name: 'Nuevo canal' });
  await newChannel.getByLabel('Nombre').fill(channelName);
  await newChannel.getByLabel('Tipo de canal').selectOption('chat');
  await newChannel.getByRole('button', { name: 'Crear' }).click();
  const card = page.getByRole('listitem', { name: channelName });
  await expect(card).toContainText('Sin webhook');
  const newKey = page.getByRole('form', { name: 'Nueva clave de API' });
  await newKey.getByLabel('Canal', { exact: true }).selectOption({ label: channelName });
  await newKey.getByLabel('Nombre de la clave').fill('Widget de chat');
  await newKey.getByRole('button', { name: 'Crear clave' }).click();
  const key = (await newKey.getByRole('status').locator('code').textContent())!;

  // A webhook over plain http to another host is refused, with the field's message.
  const hookForm = card.getByRole('form', { name: `Webhook de respuestas: ${channelName}` });
  await hookForm.getByLabel('Dirección del webhook (https://)').fill('http://bot.example.co/hook');
  await hookForm.getByRole('button', { name: 'Guardar webhook' }).click();
  await expect(formAlert(page)).toContainText('http:// solo para localhost');
  expect(
    queryDb<{ n: number }>(
      'select count(*) as n from intake_channels where name = ? and webhook_url is not null',
      channelName,
    )[0]!.n,
  ).toBe(0);

  // The local receiver's address is accepted; the secret is shown once.
  await hookForm.getByLabel('Dirección del webhook (https://)').fill(receiver.url);
  await hookForm.getByRole('button', { name: 'Guardar webhook' }).click();
  const shown = hookForm.getByRole('status').locator('code');
  await expect(shown).toHaveText(/^whsec_[\w-]{43}$/);
  secret = (await shown.textContent())!;
  await expectAccessible(page);
  await bothWidths(page, 'admin-canales-webhook-es');
  await page.reload();
  await expect(page.locator('body')).not.toContainText(secret);
  await expect(card).toContainText(`Los mensajes se envían a ${receiver.url}`);
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(card).toContainText(`Messages are sent to ${receiver.url}`);
  await expectAccessible(page);
  await bothWidths(page, 'admin-canales-webhook-en');
  await page.getByRole('button', { name: 'Switch language to Español' }).click();
  await expect(card).toContainText('Los mensajes se envían a');

  // A chat user files through the API: the case is answered through the channel.
  const filed = await page.request.post('/api/v1/cases', {
    data: {
      typeCode: 'R',
      subject: 'Cobro doble en la factura',
      description: 'Me cobraron dos veces la cuota de marzo; pido la devolución.',
    },
    headers: { Authorization: `Bearer ${key}` },
  });
  expect(filed.status()).toBe(201);
  const { radicado } = (await filed.json()) as { radicado: string };
  const { id } = caseByRadicado(radicado);
  expect(
    queryDb<{ response_medium: string }>('select response_medium from cases where id = ?', id)[0],
  ).toEqual({ response_medium: 'api' });

  // The agent replies from the case page.
  await signInAs(page, agent);
  await page.goto(`/casos/${radicado}`);
  await page.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');
  const form = await openAction(page, 'Responder al peticionario (mensaje)');
  await form
    .getByLabel('Texto')
    .fill('Revisamos su cuenta de marzo.\n\nEl cobro repetido se reversa en la próxima factura.');
  await form.getByRole('button', { name: 'Responder al peticionario (mensaje)' }).click();
  await expect(form.getByLabel('Texto')).toHaveValue('');

  // The outbox worker POSTs it; the receiver checks the HMAC with the secret the admin was shown.
  await expect(() => expect(receiver.accepted.size).toBe(1)).toPass({ timeout: 20_000 });
  const [hook] = [...receiver.accepted.values()];
  expect(hook!.signatureValid).toBe(true);
  expect(hook!.json).toMatchObject({ radicado, kind: 'reply', locale: 'es' });
  expect(hook!.json.text).toContain(
    'Revisamos su cuenta de marzo.\n\nEl cobro repetido se reversa en la próxima factura.',
  );

  // The delivery log shows it as a webhook, sent, with its attempts.
  await signInAs(page, admin);
  await page.goto('/correo?medium=webhook');
  const row = page.getByRole('row').filter({ hasText: radicado });
  await expect(row).toContainText('Webhook (API)');
  await expect(row).toContainText('Enviado');
  await expect(row).toContainText(receiver.url);
  await expectAccessible(page);
  await bothWidths(page, 'correo-webhook-es');
  await row.getByRole('link').click();
  await expect(page.locator('.mail-text')).toContainText(`"radicado": "${radicado}"`);
  await expect(page.getByRole('link', { name: 'Descargar .eml' })).toHaveCount(0);
  await expectAccessible(page);
  await bothWidths(page, 'correo-webhook-mensaje-es');
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(page.getByText('Content (JSON sent)')).toBeVisible();
  await bothWidths(page, 'correo-webhook-mensaje-en');
  await page.goto('/correo?medium=webhook');
  await expectAccessible(page);
  await bothWidths(page, 'correo-webhook-en');
  await page.getByRole('button', { name: 'Switch language to Español' }).click();
});
