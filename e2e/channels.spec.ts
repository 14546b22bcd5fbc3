import fs from 'node:fs';
import path from 'node:path';
import { queryDb } from './support/db';
import { E2E_ENV } from './support/env';
import {
  createStaff,
  expect,
  expectAccessible,
  runVerb,
  signInAs,
  snap,
  test,
} from './support/fixtures';

const DAY = 86_400_000;

const filing = (documentNumber: string) => ({
  typeCode: 'R',
  channel: 'web',
  subject: 'Cobro doble en la factura',
  description: 'En la factura de marzo me cobraron dos veces el mismo servicio.',
  hasConsent: true,
  customer: {
    documentType: 'CC',
    documentNumber,
    fullName: 'Marta Ríos',
    email: `marta${documentNumber}@example.co`,
  },
});

test.describe('Intake API over HTTP', () => {
  test('a chat system files a case once per Idempotency-Key and reads it back', async ({
    request,
  }) => {
    const { key } = runVerb<{ key: string }>('create-api-key', {
      channelName: `WhatsApp ${Date.now()}`,
      channel: 'whatsapp',
    });
    const auth = { Authorization: `Bearer ${key}` };
    const body = {
      typeCode: 'P',
      subject: 'Copia de mi contrato',
      description: 'Solicito una copia del contrato de servicio firmado en 2024.',
      responseAddress: 'luis@example.co',
    };
    const idem = `e2e-${Date.now()}`;
    const first = await request.post('/api/v1/cases', {
      headers: { ...auth, 'Idempotency-Key': idem },
      data: body,
    });
    expect(first.status()).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({ typeCode: 'P', state: 'radicada' });
    const again = await request.post('/api/v1/cases', {
      headers: { ...auth, 'Idempotency-Key': idem },
      data: body,
    });
    expect(again.status()).toBe(201);
    expect(again.headers()['idempotent-replayed']).toBe('true');
    expect(await again.json()).toEqual(created);
    expect(queryDb('select channel from cases where radicado = ?', created.radicado)).toEqual([
      { channel: 'whatsapp' },
    ]);

    const status = await request.get(`/api/v1/cases/${created.radicado}`, { headers: auth });
    expect(await status.json()).toEqual(created);

    const badKey = await request.post('/api/v1/cases', {
      headers: { Authorization: 'Bearer vnt_AAAAAAAA_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
      data: body,
    });
    expect(badKey.status()).toBe(401);
    expect(badKey.headers()['content-type']).toContain('application/problem+json');

    const invalid = await request.post('/api/v1/cases', {
      headers: auth,
      data: { typeCode: 'P', subject: 'x' },
    });
    expect(invalid.status()).toBe(422);
    expect(Object.keys((await invalid.json()).errors)).toEqual(
      expect.arrayContaining(['subject', 'description']),
    );

    const doc = await request.get('/api/v1/openapi.json');
    expect(doc.status()).toBe(200);
    expect(await doc.json()).toMatchObject({ openapi: '3.1.0' });
  });
});

test.describe('Outgoing mail', () => {
  test('the constancia is delivered (as an .eml here) and supervisors can read it', async ({
    page,
  }) => {
    const supervisor = createStaff({ role: 'supervisor', name: 'Nora Paz' });
    const { radicado } = runVerb<{ radicado: string }>('file-case', {
      input: filing(`7${Date.now() % 1e8}`),
    });
    await signInAs(page, supervisor);
    const subject = `Constancia de radicación ${radicado}`;
    await expect(async () => {
      await page.goto('/correo?status=sent');
      await expect(page.getByRole('link', { name: subject })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    const [row] = queryDb<{ message_id: string; status: string }>(
      'select message_id, status from outbox where subject = ?',
      subject,
    );
    expect(row?.status).toBe('sent');
    const eml = path.join(
      path.dirname(E2E_ENV.DATABASE_PATH),
      'mail',
      `${row!.message_id.replace(/^<|>$/g, '')}.eml`,
    );
    expect(fs.readFileSync(eml, 'utf8')).toContain(`Message-ID: ${row!.message_id}`);
    await expectAccessible(page);
    await snap(page, 'correo');

    await page.getByRole('link', { name: subject }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Mensaje');
    await expect(page.locator('.mail-text')).toContainText(radicado);
    // The message's own HTML is shown in a sandboxed frame no script may enter (axe included).
    await expect(page.locator('iframe.mail-html')).toHaveAttribute('sandbox', '');
    await expect(
      page.frameLocator('iframe.mail-html').getByText(`número de radicado ${radicado}`),
    ).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'correo-mensaje');
    await page.setViewportSize({ width: 360, height: 800 });
    await snap(page, 'correo-mensaje-360');
    await page.goto('/correo');
    await expectAccessible(page);
    await snap(page, 'correo-360');
  });

  test('agents may not read the mail log', async ({ page }) => {
    const agent = createStaff({ name: 'Iván Mora', teamName: 'Correo' });
    await signInAs(page, agent);
    const response = await page.goto('/correo');
    expect(response?.status()).toBe(403);
    expect((await page.request.get('/api/correo/1')).status()).toBe(403);
  });
});

test.describe('The bell', () => {
  test('an overdue case alerts the agent and escalates to the supervisor', async ({ page }) => {
    const agent = createStaff({ name: 'Paula Díaz', teamName: 'Alertas' });
    const supervisor = createStaff({ role: 'supervisor', name: 'Raúl Soto', teamId: agent.teamId });
    runVerb('set-team-supervisor', { supervisorId: supervisor.id, teamId: agent.teamId });
    const filedAt = new Date(Date.now() - 40 * DAY).toISOString();
    const { id, radicado } = runVerb<{ id: number; radicado: string }>('file-case', {
      input: filing(`8${Date.now() % 1e8}`),
      now: filedAt,
    });
    runVerb('apply-action', {
      caseId: id,
      input: { action: 'take' },
      actor: { role: 'agent', id: agent.id, teamId: agent.teamId },
      now: filedAt,
    });
    runVerb('run-deadline-alerts', { now: new Date().toISOString() });

    await signInAs(page, agent);
    await page.goto('/casos');
    const bell = page.getByRole('link', { name: /^Avisos 1 sin leer/ });
    await expect(bell).toBeVisible();
    await bell.click();
    await expect(page).toHaveURL(/\/avisos$/);
    const row = page.getByRole('row', { name: new RegExp(radicado) });
    await expect(row).toContainText('Vencido');
    await expect(row).toContainText('Sin leer');
    await expectAccessible(page);
    await snap(page, 'avisos');
    await page.setViewportSize({ width: 360, height: 800 });
    await expectAccessible(page);
    await snap(page, 'avisos-360');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Marcar todos como leídos' }).click();
    await expect(page.getByRole('link', { name: /^Avisos \(ninguno sin leer\)/ })).toBeVisible();

    await signInAs(page, supervisor);
    await page.goto('/avisos');
    await expect(
      page.getByRole('row', { name: new RegExp(`Escalado a usted.*${radicado}`) }),
    ).toBeVisible();
    expect(
      queryDb('select action from case_events where case_id = ? and action = ?', id, 'escalate'),
    ).toHaveLength(1);
  });
});
