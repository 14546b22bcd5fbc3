import { randomInt } from 'node:crypto';
import { caseByRadicado } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  formAlert,
  runVerb,
  signInAs,
  snap,
  test,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.7.${randomInt(256)}.${randomInt(1, 255)}` },
});

/** A Reclamo filed (through the real use case) on Tuesday 1 December 2026, 09:00 Bogotá. */
function fileReclamoOnFirstOfDecember(documentNumber: string) {
  return runVerb<{ id: number; radicado: string }>('file-case', {
    actor: { role: 'customer', id: null, caseId: null },
    now: '2026-12-01T09:00:00-05:00',
    input: {
      typeCode: 'R',
      channel: 'web',
      subject: 'Cobro doble en la factura de noviembre',
      description: 'En la factura de noviembre me cobraron dos veces el mismo servicio.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber,
        fullName: 'Marta Salcedo',
        email: 'marta@example.co',
      },
    },
  });
}

test('an admin adds a closure day and a Reclamo filed afterwards falls due one business day later', async ({
  page,
}) => {
  const admin = createStaff({ role: 'admin', name: 'Camila Admin' });
  // Without closure days: 15 business days from 2 December, skipping 8 December (Inmaculada
  // Concepción) → 23 December 2026.
  const before = fileReclamoOnFirstOfDecember(`71${admin.id}001`);
  expect(caseByRadicado(before.radicado).due_date).toBe('2026-12-23');

  await signInAs(page, admin);
  await page.goto('/admin/calendario?anio=2026');
  await expect(page.getByRole('heading', { level: 1, name: 'Calendario' })).toBeVisible();
  await expect(page.getByText('Inmaculada Concepción')).toBeVisible();

  const add = page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: 'Agregar día de cierre' }) });
  await add.getByLabel('Fecha').fill('2026-12-02');
  await add.getByLabel('Motivo').fill('Día cívico municipal');
  await add.getByRole('button', { name: 'Agregar día de cierre' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Día de cierre agregado.' }),
  ).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Día cívico municipal' })).toBeVisible();

  // 2 December is now closed: the same filing counts from 3 December → 24 December.
  const after = fileReclamoOnFirstOfDecember(`71${admin.id}002`);
  expect(caseByRadicado(after.radicado).due_date).toBe('2026-12-24');
  // The case filed before the closure day keeps the due date cached when it was radicated.
  expect(caseByRadicado(before.radicado).due_date).toBe('2026-12-23');

  // A bad time zone is refused on its field, in Spanish.
  const hours = page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: 'Guardar horario' }) });
  await hours.getByLabel('Zona horaria (IANA)').fill('Marte/Olimpo');
  await hours.getByRole('button', { name: 'Guardar horario' }).click();
  await expect(hours.getByText('Escriba una zona horaria IANA válida')).toBeVisible();
  await expect(formAlert(page)).toBeVisible();

  await expectAccessible(page);
  await snap(page, 'admin-calendar-desktop');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'admin-calendar-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The removal puts 2 December back.
  await page.getByRole('button', { name: 'Quitar 2026-12-02' }).click();
  await expect(page.getByText('No hay días de cierre en este año.')).toBeVisible();
  const restored = fileReclamoOnFirstOfDecember(`71${admin.id}003`);
  expect(caseByRadicado(restored.radicado).due_date).toBe('2026-12-23');
});

test('an admin sees the terms per type and a term of 0 days is refused on its field', async ({
  page,
}) => {
  const admin = createStaff({ role: 'admin', name: 'Camila Admin' });
  await signInAs(page, admin);
  await page.goto('/admin/tipos');
  const reclamo = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: /Reclamo/ }) });
  await expect(reclamo.getByText('15 días hábiles')).toBeVisible();
  await reclamo.getByText('Cambiar el término').click();
  await reclamo.getByLabel('Nuevo término (días hábiles)').fill('0');
  await reclamo.getByLabel('Motivo del cambio').fill('Prueba de validación');
  await reclamo.getByRole('button', { name: 'Guardar término' }).click();
  await expect(
    reclamo.getByText('El término debe ser un número entero de días hábiles entre 1 y 90.'),
  ).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'admin-types-desktop');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'admin-types-phone');
});

for (const role of ['agent', 'supervisor'] as const) {
  test(`a ${role} gets 403 on the terms and calendar pages`, async ({ page }) => {
    const staff = createStaff({ role, teamName: 'Facturación' });
    await signInAs(page, staff);
    for (const path of ['/admin/tipos', '/admin/calendario']) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByText('Agregar día de cierre')).toHaveCount(0);
    }
  });
}

test('an admin suspends the terms of Consultas; an open one moves and its petitioner sees why', async ({
  page,
}) => {
  const admin = createStaff({ role: 'admin', name: 'Julia Admin' });
  // A Consulta (30 business days) filed on 1 December 2026: due 18 January 2027. (Only this spec
  // files Consultas: the suspension below touches no other spec's cases.)
  const consulta = runVerb<{ id: number; radicado: string }>('file-case', {
    actor: { role: 'customer', id: null, caseId: null },
    now: '2026-12-01T09:00:00-05:00',
    input: {
      typeCode: 'C',
      channel: 'web',
      subject: 'Consulta sobre la tarifa social',
      description: '¿Qué requisitos hay para acceder a la tarifa social del servicio?',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `72${admin.id}001`,
        fullName: 'Rubén Ortega',
        email: 'ruben@example.co',
      },
    },
  });
  expect(caseByRadicado(consulta.radicado).due_date).toBe('2027-01-18');

  await signInAs(page, admin);
  await page.goto('/admin/calendario');
  const form = page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: 'Suspender términos' }) });
  await form.getByLabel('Acto administrativo').fill(`Resolución ${admin.id} de 2026`);
  // Backwards dates are refused on their field, and nothing is declared.
  await form.getByLabel('Desde (incluido)').fill('2026-12-18');
  await form.getByLabel('Hasta (incluido)').fill('2026-12-14');
  await form.getByLabel('Alcance').selectOption('types');
  await form.getByLabel('Consulta').check();
  await form.getByRole('button', { name: 'Suspender términos' }).click();
  await expect(form.getByText('La suspensión no puede terminar antes de empezar.')).toBeVisible();
  expect(caseByRadicado(consulta.radicado).due_date).toBe('2027-01-18');

  await form.getByLabel('Desde (incluido)').fill('2026-12-14');
  await form.getByLabel('Hasta (incluido)').fill('2026-12-18');
  await form.getByRole('button', { name: 'Suspender términos' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Suspensión declarada' })).toBeVisible();
  await expect(page.getByTestId('suspensions')).toContainText(`Resolución ${admin.id} de 2026`);
  // 14–18 December are five business days out of the term: 18 January becomes 25 January.
  expect(caseByRadicado(consulta.radicado).due_date).toBe('2027-01-25');
  await expectAccessible(page);
  await snap(page, 'admin-suspension');

  await page.goto(`/casos/${consulta.radicado}`);
  await expect(page.getByText('Suspensión de términos: el vencimiento se corrió')).toBeVisible();
});
