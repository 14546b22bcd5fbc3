import { randomInt } from 'node:crypto';
import { caseByRadicado, queryDb } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  formAlert,
  openAction,
  runVerb,
  signInAs,
  snap,
  test,
  type StaffFixture,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.9.${randomInt(256)}.${randomInt(1, 255)}` },
});

function fileReclamo(documentNumber: string, subject: string) {
  return runVerb<{ id: number; radicado: string }>('file-case', {
    actor: { role: 'customer', id: null, caseId: null },
    input: {
      typeCode: 'R',
      channel: 'web',
      subject,
      description: 'La factura de abril trae un cobro de reconexión que nunca se hizo.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber,
        fullName: 'Lucía Herrera',
        email: 'lucia@example.co',
      },
    },
  });
}

test('an agent works a Reclamo from the queue to closure, with the customer answering through the portal', async ({
  page,
  browser,
}) => {
  const agent = createStaff({ name: 'Andrea Ríos', teamName: 'Facturación' });
  runVerb('create-process', {
    input: { name: `Facturación ${agent.id}`, rootCauses: ['Cobro no causado', 'Tarifa errada'] },
  });
  const filed = fileReclamo(`52${agent.id}0001`, `Cobro de reconexión no realizada ${agent.id}`);
  await signInAs(page, agent);

  // Queue: unassigned, filtered to Reclamos.
  await page.goto('/casos');
  await page.getByRole('link', { name: /^Sin asignar/ }).click();
  await expect(page).toHaveURL(/queue=unassigned/);
  await page.getByText('Filtros', { exact: true }).click();
  await page.getByLabel('Tipo', { exact: true }).selectOption('R');
  await page.getByRole('button', { name: 'Aplicar filtros' }).click();
  await expect(page).toHaveURL(/queue=unassigned.*type=R/);
  const row = page.getByRole('row').filter({ hasText: filed.radicado });
  await expect(row).toContainText('Reclamo');
  await expect(row).toContainText('A tiempo');
  await expectAccessible(page);
  await snap(page, 'casos-bandeja');
  await row.getByRole('link', { name: filed.radicado }).click();

  // Case page: take it, request information.
  await expect(page.getByRole('heading', { level: 1, name: filed.radicado })).toBeVisible();
  await expect(page.getByTestId('case-state')).toHaveText('Radicada');
  await page.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');
  await expect(page.getByTestId('case-assignee')).toHaveText('Andrea Ríos');
  let form = await openAction(page, 'Requerir información (suspende el término)');
  await form
    .getByLabel('Texto')
    .fill('Por favor envíe una foto del medidor con la lectura actual.');
  await form.getByRole('button', { name: 'Requerir información (suspende el término)' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Requiere información');
  expect(caseByRadicado(filed.radicado)).toMatchObject({
    state: 'requiere_informacion',
    is_paused: 1,
  });

  // The customer answers in the portal, in their own browser.
  const customer = await browser.newContext({
    extraHTTPHeaders: { 'X-Forwarded-For': '10.8.8.8' },
  });
  const portal = await customer.newPage();
  await portal.goto('/consulta');
  await portal.getByLabel('Número de radicado').fill(filed.radicado);
  await portal.getByLabel('Número de documento o código de acceso').fill(`52${agent.id}0001`);
  await portal.getByRole('button', { name: 'Consultar' }).click();
  await portal.getByLabel('Su respuesta').fill('La lectura actual del medidor es 10234.');
  await portal.getByRole('button', { name: 'Enviar información' }).click();
  await expect(portal.getByTestId('case-state')).toHaveText('En trámite');
  await customer.close();

  // The agent sees the reply, answers, and closes after choosing process and root cause.
  await page.reload();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');
  await expect(page.getByText('La lectura actual del medidor es 10234.')).toBeVisible();
  form = await openAction(page, 'Dar respuesta de fondo');
  await form.getByLabel('Decisión').selectOption('concede');
  await form
    .getByLabel('Texto')
    .fill('Retiramos el cobro de reconexión: se verá reflejado en la próxima factura.');
  // The answer goes out only after its letter has been previewed.
  await form.getByRole('button', { name: 'Previsualizar la respuesta' }).click();
  await form.getByRole('button', { name: 'Confirmar y enviar la respuesta' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Respondida');

  form = await openAction(page, 'Cerrar');
  await form.getByRole('button', { name: 'Cerrar' }).click();
  await expect(formAlert(page)).toContainText('Revise los campos marcados.');
  await expect(form.getByText('Este campo es obligatorio.').first()).toBeVisible();
  await form.getByLabel('Proceso de origen').selectOption({ label: `Facturación ${agent.id}` });
  await form.getByLabel('Causa raíz').selectOption({ label: 'Cobro no causado' });
  await form.getByRole('button', { name: 'Cerrar' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Cerrada');
  const closed = queryDb<{ process_id: number; root_cause_id: number; state: string }>(
    'select state, process_id, root_cause_id from cases where radicado = ?',
    filed.radicado,
  )[0]!;
  expect(closed.state).toBe('cerrada');
  expect(closed.process_id).toBeGreaterThan(0);
  expect(closed.root_cause_id).toBeGreaterThan(0);
  await expectAccessible(page);
  await snap(page, 'caso-cerrado');
});

test('an agent makes and renegotiates a promise; the original stays on record', async ({
  page,
}) => {
  const agent = createStaff({ name: 'Julián Mora', teamName: 'Servicio Técnico' });
  const filed = fileReclamo(`53${agent.id}0002`, `Reparación pendiente ${agent.id}`);
  runVerb('apply-action', {
    caseId: filed.id,
    input: { action: 'take' },
    actor: { role: 'agent', id: agent.id, teamId: agent.teamId },
  });
  await signInAs(page, agent);
  await page.goto(`/casos/${filed.radicado}`);
  const form = await openAction(page, 'Hacer un compromiso');
  await form.getByLabel('Qué se promete').fill('Visita técnica para revisar el medidor');
  await form.getByLabel('Para cuándo').fill('2030-03-04T09:00');
  await form.getByRole('button', { name: 'Hacer un compromiso' }).click();
  const promises = page.getByRole('region', { name: 'Compromisos' });
  await expect(promises.getByText('Visita técnica para revisar el medidor')).toBeVisible();
  await promises.getByText('Renegociar').first().click();
  await promises.getByLabel('Nueva fecha y hora').fill('2030-03-06T14:00');
  await promises
    .getByLabel('Motivo (se informa al peticionario)')
    .fill('El técnico está incapacitado el martes.');
  await promises.getByRole('button', { name: 'Renegociar' }).click();
  await expect(promises.getByText('Renegociado')).toBeVisible();
  await expect(promises.getByText('Pendiente')).toBeVisible();
  const rows = queryDb<{ status: string; predecessor_id: number | null }>(
    'select status, predecessor_id from promises where case_id = ? order by id',
    filed.id,
  );
  expect(rows).toEqual([
    { status: 'renegotiated', predecessor_id: null },
    { status: 'pending', predecessor_id: expect.any(Number) },
  ]);
  await snap(page, 'caso-compromisos');
});

test('verbal intake: a phone request is radicated; a walk-in about the same matter becomes a repeat contact', async ({
  page,
}) => {
  const agent: StaffFixture = createStaff({
    name: 'Camila Duarte',
    teamName: 'Atención al Ciudadano',
  });
  const documentNumber = `7${agent.id}12345`;
  await signInAs(page, agent);
  await page.goto('/casos/radicar');
  const search = page.getByRole('form', { name: '1. Buscar al peticionario' });
  await search.getByLabel('Número de documento *').fill(documentNumber);
  await search.getByRole('button', { name: 'Buscar' }).click();
  await expect(page.getByText('No hay registros con ese documento')).toBeVisible();
  const request = page.getByRole('form', { name: '2. Datos de la solicitud' });
  await page.getByLabel('Canal *').selectOption('phone');
  await page.getByLabel('Tipo de solicitud *').selectOption('P');
  await page.getByLabel('Asunto *').fill('Cambio de titular del servicio');
  await page
    .getByLabel('Descripción *')
    .fill('Compró la casa y quiere el servicio a su nombre desde este mes.');
  await request.getByLabel('Número de documento *').fill(documentNumber);
  await request.getByLabel('Nombres y apellidos *').fill('Hernán Gil');
  await page.getByLabel('Correo electrónico *').fill('hernan@example.co');
  await page.getByLabel(/autorizó verbalmente/).check();
  await expectAccessible(page);
  await snap(page, 'radicar-verbal');
  await page.getByRole('button', { name: 'Radicar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Constancia de radicación' })).toBeVisible();
  await expect(page.getByText('Teléfono', { exact: true })).toBeVisible();
  const radicado = (await page.getByTestId('radicado').textContent())!.trim();
  expect(caseByRadicado(radicado)).toMatchObject({ state: 'en_tramite', type_code: 'P' });
  // Decreto 1166 de 2016: the constancia of a verbal petition says who, what, why and who took it.
  const verbal = page.getByTestId('verbal-record');
  await expect(verbal).toContainText('La petición se presentó verbalmente (Teléfono)');
  await expect(verbal).toContainText('Hernán Gil');
  await expect(verbal).toContainText(`CC ${documentNumber}`);
  await expect(verbal).toContainText('Camila Duarte');
  await expect(verbal).toContainText('Cambio de titular del servicio');
  await expect(verbal).toContainText('Compró la casa y quiere el servicio a su nombre');
  await expectAccessible(page);
  await snap(page, 'constancia-verbal');
  // The petitioner asks for a copy at another address: it is queued for that address.
  await page.getByLabel('Correo del peticionario').fill('hernan.gil@otro.co');
  await page.getByRole('button', { name: 'Enviar constancia' }).click();
  await expect(page.getByText('Constancia enviada.')).toBeVisible();
  expect(
    queryDb(
      "select to_address from outbox where kind = 'constancia' and case_id = ? order by id",
      caseByRadicado(radicado).id,
    ),
  ).toEqual([{ to_address: 'hernan@example.co' }, { to_address: 'hernan.gil@otro.co' }]);

  await page.goto('/casos/radicar');
  await search.getByLabel('Número de documento *').fill(documentNumber);
  await search.getByRole('button', { name: 'Buscar' }).click();
  await expect(page.getByText('Peticionario: Hernán Gil')).toBeVisible();
  await page.getByLabel('Canal *').selectOption('walk_in');
  await page.getByLabel('Asunto *').fill('Pregunta por el cambio de titular');
  await page
    .getByLabel('Descripción *')
    .fill('Viene a preguntar cómo va el cambio de titular que pidió por teléfono.');
  await page.getByRole('button', { name: `Agregar como contacto repetido a ${radicado}` }).click();
  await expect(page.getByRole('status')).toContainText(
    `Se registró el contacto repetido en ${radicado}.`,
  );
  expect(
    queryDb('select repeat_contact_count as n from cases where radicado = ?', radicado),
  ).toEqual([{ n: 1 }]);
});

test('an agent merges a duplicate into the case that stays', async ({ page }) => {
  const agent = createStaff({ name: 'Pablo Niño', teamName: 'Reclamos' });
  const keep = fileReclamo(`54${agent.id}0003`, `Medidor dañado ${agent.id}`);
  const duplicate = fileReclamo(`54${agent.id}0004`, `Medidor dañado otra vez ${agent.id}`);
  for (const c of [keep, duplicate]) {
    runVerb('apply-action', {
      caseId: c.id,
      input: { action: 'take' },
      actor: { role: 'agent', id: agent.id, teamId: agent.teamId },
    });
  }
  await signInAs(page, agent);
  await page.goto(`/casos/${duplicate.radicado}`);
  const form = await openAction(page, 'Fusionar en otro caso (duplicado)');
  await form.getByLabel('Radicado del caso que se conserva').fill(keep.radicado);
  await form.getByRole('button', { name: 'Fusionar en otro caso (duplicado)' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Fusionada');
  await page.goto(`/casos/${keep.radicado}`);
  await expect(page.getByTestId('repeat-contacts')).toContainText('1 contacto repetido');
});

test('an agent searches across cases and sees the match highlighted', async ({ page }) => {
  const agent = createStaff({ name: 'Sara Beltrán', teamName: 'Alumbrado' });
  const filed = fileReclamo(`55${agent.id}0005`, `Transformador quemado en la vereda ${agent.id}`);
  await signInAs(page, agent);
  await page.goto('/casos');
  await page
    .getByLabel('Buscar por radicado, asunto, texto, nombre o documento')
    .fill('transformador');
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await expect(page).toHaveURL(/\/casos\/buscar\?q=transformador/);
  const hit = page.getByRole('listitem').filter({ hasText: filed.radicado });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark').first()).toHaveText(/Transformador/i);
  await expectAccessible(page);
  await snap(page, 'casos-buscar');
  await hit.getByRole('link', { name: filed.radicado }).click();
  await expect(page.getByRole('heading', { level: 1, name: filed.radicado })).toBeVisible();
});

test('the queue page arrives with its first page of rows; changing tab asks no JSON (issue 15 §4)', async ({
  page,
}) => {
  const agent = createStaff({ name: 'Tomás Ruiz', teamName: 'Acueducto' });
  const filed = fileReclamo(`56${agent.id}0006`, `Cobro duplicado del acueducto ${agent.id}`);
  await signInAs(page, agent);
  const view = '/casos?queue=unassigned&type=R&sort=received&dir=desc';
  // The HTML itself holds the row: no empty shell waiting for a fetch.
  expect(await (await page.request.get(view)).text()).toContain(filed.radicado);

  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/casos') asked.push(r.url());
  });
  await page.goto(view);
  await expect(page.getByRole('row').filter({ hasText: filed.radicado })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Sin asignar/ }).locator('.count')).not.toHaveText(
    '…',
  );
  // Another tab comes with its own rows in the navigation's server render.
  await page.getByRole('link', { name: /^Mis casos/ }).click();
  await expect(page).toHaveURL(/queue=mine/);
  await expect(page.getByText('No hay casos en esta bandeja con estos filtros.')).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('row').filter({ hasText: filed.radicado })).toBeVisible();
  // Nothing stale was refetched meanwhile (the cache keeps a view for 30 s).
  await page.waitForTimeout(1000);
  expect(asked).toEqual([]);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  await snap(page, 'casos-primera-pagina-1366-es');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'casos-primera-pagina-360-es');
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(page.getByRole('link', { name: /^Unassigned/ })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: filed.radicado })).toBeVisible();
  await snap(page, 'casos-primera-pagina-360-en');
  await page.setViewportSize({ width: 1366, height: 900 });
  await snap(page, 'casos-primera-pagina-1366-en');
});
