import { caseByRadicado, queryDb } from './support/db';
import { PDF } from './support/files';
import {
  createStaff,
  formAlert,
  expect,
  expectAccessible,
  runVerb,
  snap,
  test,
  type StaffFixture,
  mailText,
} from './support/fixtures';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.10' } });

function staffActs(staff: StaffFixture, caseId: number, input: Record<string, unknown>) {
  return runVerb('apply-action', {
    caseId,
    input,
    actor: { role: staff.role, id: staff.id, teamId: staff.teamId },
  });
}

test('a petitioner files a Reclamo, follows it, answers an information request, rates, disagrees and asks for a call', async ({
  page,
}) => {
  const agent = createStaff({ name: 'Sofía Méndez', teamName: 'Facturación' });

  // Start page → filing form.
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Peticiones, quejas, reclamos y sugerencias' }),
  ).toBeVisible();
  await expect(page.getByText('Respuesta en 15 días hábiles').first()).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'portal-inicio');
  await page.getByRole('link', { name: /Radicar una PQRS/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Radicar una PQRS' })).toBeVisible();
  await page.getByRole('radio', { name: /^Reclamo/ }).check();
  await page.getByLabel('Asunto *').fill('Cobro doble en la factura de marzo');
  const description = 'En la factura de marzo me cobraron dos veces el cargo fijo del acueducto.';
  await page.getByLabel('Descripción *').fill(description);
  await expect(page.getByText(`${description.length} de 5000 caracteres`)).toBeVisible();
  await page.getByLabel('Tipo de documento *').selectOption('CC');
  await page.getByLabel('Número de documento *').fill('1030555111');
  await page.getByLabel('Nombres y apellidos *').fill('Carolina Vélez Ruiz');
  await page.getByLabel('Correo electrónico *').fill('carolina@example.co');
  await page.getByLabel('Teléfono').fill('+57 300 555 1111');
  await page.getByLabel(/Autorizo el tratamiento de mis datos personales/).check();
  await expectAccessible(page);
  await snap(page, 'portal-radicar');
  await page.getByRole('button', { name: 'Radicar' }).click();

  // Constancia.
  await expect(page.getByRole('heading', { name: 'Constancia de radicación' })).toBeVisible();
  const radicado = (await page.getByTestId('radicado').textContent())!.trim();
  expect(radicado).toMatch(/^PQRS-\d{4}-\d{6}$/);
  await expect(page.getByText('Formulario web')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^Reclamo$/ })).toBeVisible();
  await expect(page.getByTestId('due-date')).not.toBeEmpty();
  await expectAccessible(page);
  await snap(page, 'portal-constancia');
  let row = caseByRadicado(radicado);
  expect(row).toMatchObject({ state: 'radicada', type_code: 'R', is_anonymous: 0 });
  expect(row.due_date).not.toBeNull();
  expect(queryDb('select policy_version from consents where case_id = ?', row.id)).toHaveLength(1);
  expect(
    queryDb("select to_address from outbox where case_id = ? and kind = 'constancia'", row.id),
  ).toEqual([{ to_address: 'carolina@example.co' }]);

  // The e-mailed constancia carries a signed link that opens the case directly.
  const constancia = mailText(row.id, 'constancia');
  const link = /http:\/\/localhost:\d+\/consulta\/acceso\?token=[^\s]+/.exec(constancia)?.[0];
  expect(link).toBeDefined();
  await page.context().clearCookies();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1, name: `Su caso ${radicado}` })).toBeVisible();

  // A new browser looks the case up by radicado + document number.
  await page.context().clearCookies();
  await page.goto('/consulta');
  await page.getByLabel('Número de radicado').fill(radicado.toLowerCase());
  await page.getByLabel('Número de documento o código de acceso').fill('1030555111');
  await page.getByRole('button', { name: 'Consultar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Su caso ${radicado}` })).toBeVisible();
  await expect(page.getByTestId('case-state')).toHaveText('Radicada');

  // The agent takes the case and asks for the bill (server use case).
  staffActs(agent, row.id, { action: 'take' });
  staffActs(agent, row.id, {
    action: 'request_info',
    body: 'Por favor adjunte la factura de marzo.',
  });
  await page.reload();
  await expect(page.getByTestId('case-state')).toHaveText('Requiere información');
  await expect(
    page.getByTestId('info-request').getByText('Por favor adjunte la factura de marzo.'),
  ).toBeVisible();
  expect(caseByRadicado(radicado)).toMatchObject({
    state: 'requiere_informacion',
    is_paused: 1,
    due_date: null,
  });
  await snap(page, 'portal-caso-requiere');

  // Art. 17: the petitioner may take one more month to answer, once.
  const answerBy = page.getByTestId('answer-by');
  await expect(answerBy).toContainText('Si no la recibimos para entonces');
  const firstDeadline = await answerBy.textContent();
  await page.getByRole('button', { name: 'Pedir un mes más' }).click();
  await expect(answerBy).toContainText('Con el mes adicional que pidió');
  await expect(answerBy).not.toHaveText(firstDeadline!);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Pedir un mes más' })).toHaveCount(0);
  await expect(page.getByText('Usted pidió un mes más para enviar la información')).toBeVisible();
  expect(
    queryDb('select more_time_at from case_pauses where case_id = ?', row.id)[0],
  ).toMatchObject({ more_time_at: expect.any(Number) });

  await page.getByLabel('Su respuesta').fill('Adjunto la factura de marzo con el cobro doble.');
  await page
    .getByLabel('Archivos (opcional)')
    .setInputFiles({ name: 'factura-marzo.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Enviar información' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');
  row = caseByRadicado(radicado);
  expect(row).toMatchObject({ state: 'en_tramite', is_paused: 0 });
  expect(row.due_date).not.toBeNull();
  expect(queryDb('select resumed_at from case_pauses where case_id = ?', row.id)[0]).toMatchObject({
    resumed_at: expect.any(Number),
  });
  expect(
    queryDb('select original_name, mime_type from attachments where case_id = ?', row.id),
  ).toEqual([{ original_name: 'factura-marzo.pdf', mime_type: 'application/pdf' }]);
  await expect(page.getByRole('link', { name: 'Descargar factura-marzo.pdf' })).toBeVisible();

  // The agent answers; the petitioner rates result and process separately.
  staffActs(agent, row.id, {
    action: 'answer',
    body: 'Anulamos el cobro doble y verá el ajuste en abril.',
    decision: 'concede',
  });
  await page.reload();
  await expect(page.getByTestId('case-state')).toHaveText('Respondida');
  await expect(page.getByTestId('answer').getByText('Decisión: se concede')).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'portal-caso-respondida');
  const rating = page.getByRole('region', { name: 'Califique la respuesta' });
  await rating.getByRole('radio', { name: 'En parte' }).check();
  await rating
    .getByRole('group', { name: /amable/ })
    .getByRole('radio', { name: '5' })
    .check();
  await rating.getByRole('group', { name: /clara/ }).getByRole('radio', { name: '3' }).check();
  await rating.getByRole('button', { name: 'Enviar calificación' }).click();
  // After the refresh the form is gone and the page says it was rated.
  await expect(page.getByText('Ya calificó esta respuesta. Gracias.')).toBeVisible();
  expect(queryDb('select answer from result_ratings where case_id = ?', row.id)).toEqual([
    { answer: 'partly' },
  ]);
  expect(
    queryDb('select courtesy, clarity, source from quality_ratings where case_id = ?', row.id),
  ).toEqual([{ courtesy: 5, clarity: 3, source: 'customer' }]);

  // Disagreeing reopens the case.
  await page
    .getByLabel('¿Por qué no está de acuerdo?')
    .fill('El ajuste no aparece en la factura de abril.');
  await page.getByRole('button', { name: 'Reabrir el caso' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');
  expect(caseByRadicado(radicado)).toMatchObject({ state: 'en_tramite', reopen_count: 1 });

  // A call back becomes a promise owed by the assigned agent.
  await page.getByLabel('Fecha y hora preferida').fill('2030-05-06T10:30');
  await page.getByLabel('Teléfono para llamarlo').fill('3005551111');
  await page.getByRole('button', { name: 'Pedir llamada' }).click();
  await expect(page.getByText('Registramos su solicitud de llamada.')).toBeVisible();
  await expect(page.getByText('Devolverle la llamada')).toBeVisible();
  expect(
    queryDb('select owner_id, status, due_at from promises where case_id = ?', row.id),
  ).toEqual([
    { owner_id: agent.id, status: 'pending', due_at: Date.parse('2030-05-06T10:30:00-05:00') },
  ]);
});

test('an anonymous Denuncia with an attachment gets an access code that opens the case', async ({
  page,
}) => {
  await page.goto('/radicar');
  await page.getByRole('radio', { name: /^Denuncia/ }).check();
  await page.getByLabel('Quiero radicar de forma anónima').check();
  await expect(page.getByLabel('Número de documento *')).toHaveCount(0);
  await page.getByLabel('Asunto *').fill('Vehículo oficial usado para fines personales');
  await page
    .getByLabel('Descripción *')
    .fill('Los fines de semana el camión de la empresa se usa para trasteos particulares.');
  await page
    .getByLabel('Archivos (opcional)')
    .setInputFiles({ name: 'foto.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Radicar' }).click();

  await expect(page.getByRole('heading', { name: 'Constancia de radicación' })).toBeVisible();
  const radicado = (await page.getByTestId('radicado').textContent())!.trim();
  const code = (await page.getByTestId('access-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{12}$/);
  await snap(page, 'portal-constancia-anonima');
  const row = caseByRadicado(radicado);
  expect(row).toMatchObject({ type_code: 'D', is_anonymous: 1, customer_id: null });
  expect(row.access_code_hash).not.toContain(code);
  expect(queryDb('select count(*) as n from attachments where case_id = ?', row.id)).toEqual([
    { n: 1 },
  ]);

  await page.context().clearCookies();
  await page.goto('/consulta');
  await page.getByLabel('Número de radicado').fill(radicado);
  await page.getByLabel('Número de documento o código de acceso').fill(code);
  await page.getByRole('button', { name: 'Consultar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Su caso ${radicado}` })).toBeVisible();
  await expect(formAlert(page)).toHaveCount(0);
});

test('the portal is usable at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  for (const [path, name] of [
    ['/', 'portal-inicio-360'],
    ['/radicar', 'portal-radicar-360'],
    ['/consulta', 'portal-consulta-360'],
  ] as const) {
    await page.goto(path);
    await expectAccessible(page);
    await snap(page, name);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Check the status of your request' }),
  ).toBeVisible();
});

test('a second Reclamo from the same person is offered to their open case instead', async ({
  page,
}) => {
  const fill = async () => {
    await page.goto('/radicar');
    await page.getByRole('radio', { name: /^Reclamo/ }).check();
    await page.getByLabel('Asunto *').fill('Sigue llegando el cobro doble');
    await page
      .getByLabel('Descripción *')
      .fill('Otra vez me llegó la factura con el cargo fijo duplicado.');
    await page.getByLabel('Número de documento *').fill('1030999000');
    await page.getByLabel('Nombres y apellidos *').fill('Mateo Quintero');
    await page.getByLabel('Correo electrónico *').fill('mateo@example.co');
    await page.getByLabel(/Autorizo el tratamiento/).check();
    await page.getByRole('button', { name: 'Radicar' }).click();
  };
  await fill();
  await expect(page.getByRole('heading', { name: 'Constancia de radicación' })).toBeVisible();
  const radicado = (await page.getByTestId('radicado').textContent())!.trim();
  const casesBefore = queryDb('select id from cases').length;

  await fill();
  await expect(formAlert(page)).toContainText(
    `Usted ya tiene un caso abierto de este tipo (radicado terminado en ${radicado.slice(-4)}`,
  );
  await snap(page, 'portal-caso-abierto');
  await page.getByRole('button', { name: 'Agregar al caso existente' }).click();
  await expect(page.getByRole('status')).toContainText(
    `Agregamos su información al caso terminado en ${radicado.slice(-4)}.`,
  );
  expect(queryDb('select id from cases')).toHaveLength(casesBefore);
  expect(
    queryDb('select repeat_contact_count as n from cases where radicado = ?', radicado),
  ).toEqual([{ n: 1 }]);
});
