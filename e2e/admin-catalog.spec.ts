import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { queryDb } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  formAlert,
  signInAs,
  snap,
  test,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.33.${randomInt(256)}.${randomInt(1, 255)}` },
});

const PAGES = ['/admin/catalogos', '/admin/plantillas', '/admin/canales'];

const filing = {
  typeCode: 'P',
  subject: 'Horario de atención',
  description: 'Quisiera saber el horario de atención de la oficina principal.',
  customer: {
    documentType: 'CC',
    documentNumber: `10${randomInt(10_000_000, 99_999_999)}`,
    fullName: 'Ana Pérez',
    email: 'ana@example.co',
  },
  hasConsent: true,
};

const callApi = (page: Page, key: string) =>
  page.request.post('/api/v1/cases', {
    data: filing,
    headers: { Authorization: `Bearer ${key}` },
  });

async function phoneShots(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, `${name}-360`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('an admin sets up a process, a template and an API key, then revokes the key', async ({
  page,
}) => {
  const admin = createStaff({ role: 'admin', name: 'Adela Admin' });
  const owner = createStaff({ role: 'supervisor', name: `Olga Dueña ${admin.id}` });
  const suffix = admin.id;
  await signInAs(page, admin);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Catalogues: a process with its owner, then a root cause of it; a duplicate name is refused.
  const processName = `Instalación ${suffix}`;
  await page.goto('/admin/catalogos');
  const newProcess = page.getByRole('form', { name: 'Nuevo proceso' });
  await newProcess.getByLabel('Nuevo proceso').fill(processName);
  await newProcess.getByLabel('Responsable').selectOption({ label: owner.name });
  await newProcess.getByRole('button', { name: 'Crear' }).click();
  await expect(page.getByRole('heading', { name: processName })).toBeVisible();
  const addCause = page.getByRole('form', { name: `Nueva causa raíz (${processName})` });
  await addCause.getByLabel('Nueva causa raíz').fill('Visita fallida');
  await addCause.getByRole('button', { name: 'Agregar causa' }).click();
  await expect(page.getByRole('form', { name: 'Visita fallida', exact: true })).toBeVisible();
  const [row] = queryDb<{ id: number; owner_id: number }>(
    'SELECT id, owner_id FROM processes WHERE name = ?',
    processName,
  );
  expect(row?.owner_id).toBe(owner.id);
  expect(
    queryDb('SELECT name FROM root_causes WHERE process_id = ?', row?.id).map((r) => r.name),
  ).toEqual(['Visita fallida']);
  await newProcess.getByLabel('Nuevo proceso').fill(processName);
  await newProcess.getByRole('button', { name: 'Crear' }).click();
  await expect(formAlert(page)).toContainText('Ya existe');
  await expectAccessible(page);
  await snap(page, 'admin-catalogos-1280');
  await phoneShots(page, 'admin-catalogos');

  // Templates: an unknown placeholder is refused by name; a valid one is previewed as text.
  const templateName = `Acuse ${suffix}`;
  await page.goto('/admin/plantillas');
  const newTemplate = page.getByRole('form', { name: 'Nueva plantilla' });
  await newTemplate.getByLabel('Nombre').fill(templateName);
  await newTemplate.getByLabel('Texto').fill('Hola {{nombre}}, su caso {{numero_caso}} avanza.');
  await newTemplate.getByRole('button', { name: 'Crear' }).click();
  await expect(formAlert(page)).toContainText('Marcador desconocido: {{numero_caso}}');
  await newTemplate
    .getByLabel('Texto')
    .fill(
      'Hola {{nombre}}, su caso {{radicado}} vence el {{fecha_vencimiento}}. <b>{{linea_personal}}</b>',
    );
  await newTemplate.getByRole('button', { name: 'Crear' }).click();
  const card = page.getByRole('listitem', { name: templateName });
  await expect(card.locator('pre')).toHaveText(
    'Hola María Fernanda Rojas, su caso PQRS-2026-000123 vence el 8 de abril de 2026. <b>{{linea_personal}}</b>',
  );
  await expectAccessible(page);
  await snap(page, 'admin-plantillas-1280');
  await phoneShots(page, 'admin-plantillas');

  // Channels: a key is shown once; the list keeps only its prefix; revoked, the API answers 401.
  const channelName = `WhatsApp ${suffix}`;
  await page.goto('/admin/canales');
  const newChannel = page.getByRole('form', { name: 'Nuevo canal' });
  await newChannel.getByLabel('Nombre').fill(channelName);
  await newChannel.getByLabel('Tipo de canal').selectOption('whatsapp');
  await newChannel.getByRole('button', { name: 'Crear' }).click();
  await expect(page.getByRole('heading', { name: channelName })).toBeVisible();
  const newKey = page.getByRole('form', { name: 'Nueva clave de API' });
  await newKey.getByLabel('Canal', { exact: true }).selectOption({ label: channelName });
  await newKey.getByLabel('Nombre de la clave').fill('Bot de WhatsApp');
  await newKey.getByRole('button', { name: 'Crear clave' }).click();
  const shown = newKey.getByRole('status').locator('code');
  await expect(shown).toHaveText(/^vnt_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
  const key = (await shown.textContent())!;
  const prefix = key.split('_')[1]!;
  await expectAccessible(page);
  await snap(page, 'admin-canales-key-1280');

  expect((await callApi(page, key)).status()).toBe(201);
  await page.reload();
  await expect(page.locator('body')).not.toContainText(key.split('_')[2]!);
  const channelCard = page.getByRole('listitem', { name: channelName });
  await expect(channelCard.getByRole('cell', { name: `vnt_${prefix}_…` })).toBeVisible();
  await expect(channelCard.getByRole('cell', { name: 'Nunca' })).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  await channelCard.getByRole('button', { name: 'Revocar' }).click();
  await expect(channelCard).toContainText('Revocada el');
  expect((await callApi(page, key)).status()).toBe(401);
  const audit = queryDb<{ action: string; data: string }>(
    "SELECT action, data FROM case_events WHERE action LIKE 'api_key_%' ORDER BY id DESC LIMIT 2",
  );
  expect(audit.map((a) => a.action)).toEqual(['api_key_revoked', 'api_key_created']);
  expect(JSON.stringify(audit)).not.toContain(key);
  await expectAccessible(page);
  await snap(page, 'admin-canales-1280');
  await phoneShots(page, 'admin-canales');
});

test('agents and supervisors get 403 on the catalogue pages', async ({ page }) => {
  for (const role of ['agent', 'supervisor'] as const) {
    const user = createStaff({ role, teamName: `Equipo ${role} ${randomInt(1e6)}` });
    await signInAs(page, user);
    for (const path of PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), `${role} ${path}`).toBe(403);
    }
    await page.context().clearCookies();
  }
});
