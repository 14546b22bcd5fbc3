import { caseByRadicado, countRows, queryDb, uploadedFiles } from './support/db';
import { ELF, PDF } from './support/files';
import {
  createStaff,
  expect,
  expectAccessible,
  mailText,
  runVerb,
  signInAs,
  test,
} from './support/fixtures';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.45' } });

const filing = (documentNumber: string) => ({
  typeCode: 'R',
  channel: 'web',
  subject: 'Cobro doble en la factura de mayo',
  description: 'En la factura de mayo me cobraron dos veces el cargo fijo.',
  hasConsent: true,
  customer: {
    documentType: 'CC',
    documentNumber,
    fullName: 'Lucía Restrepo',
    email: `lucia.${documentNumber}@example.co`,
  },
});

test('file downloads check who asks: staff scope (403), no session (401), another case or an internal file (404)', async ({
  page,
  browser,
}) => {
  const agent = createStaff({ name: 'Andrés Lozano', teamName: 'Facturación' });
  const outsider = createStaff({ name: 'Paula Ríos', teamName: 'Entregas' });
  const mine = runVerb<{ id: number; radicado: string }>('file-case', {
    input: filing(`81${agent.id}001`),
  });
  const other = runVerb<{ id: number; radicado: string }>('file-case', {
    input: filing(`81${agent.id}002`),
  });
  const actor = { role: 'agent', id: agent.id, teamId: agent.teamId };
  runVerb('apply-action', { caseId: mine.id, input: { action: 'take' }, actor });
  runVerb('attach-file', { caseId: mine.id, name: 'publico.pdf', visibility: 'public' });
  runVerb('attach-file', { caseId: mine.id, name: 'interno.pdf', visibility: 'internal' });
  runVerb('attach-file', { caseId: other.id, name: 'ajeno.pdf', visibility: 'public' });
  const ids = Object.fromEntries(
    queryDb<{ id: number; original_name: string }>(
      'select id, original_name from attachments where case_id in (?, ?)',
      mine.id,
      other.id,
    ).map((r) => [r.original_name, r.id]),
  );
  const staffUrl = (name: string) => `/api/casos/${mine.id}/adjuntos/${ids[name]}`;

  // Signed out: 401. The agent with the case: the file, as a download that is never sniffed.
  expect((await page.request.get(staffUrl('interno.pdf'))).status()).toBe(401);
  await signInAs(page, agent);
  const ok = await page.request.get(staffUrl('interno.pdf'));
  expect(ok.status()).toBe(200);
  expect(ok.headers()['content-disposition']).toMatch(/^attachment; filename="interno.pdf"/);
  expect(ok.headers()['x-content-type-options']).toBe('nosniff');
  expect(ok.headers()['content-type']).toBe('application/pdf');
  expect(Buffer.from(await ok.body()).equals(PDF)).toBe(true);
  // A file of another case asked for under this one is not there.
  expect(
    (await page.request.get(`/api/casos/${mine.id}/adjuntos/${ids['ajeno.pdf']}`)).status(),
  ).toBe(404);

  // An agent of another team: 403.
  const outside = await (await browser.newContext()).newPage();
  await signInAs(outside, outsider);
  expect((await outside.request.get(staffUrl('publico.pdf'))).status()).toBe(403);

  // The petitioner, through their case's link: their public file, never the internal one nor another case's.
  const petitioner = await (await browser.newContext()).newPage();
  const linkText = mailText(mine.id, 'constancia');
  await petitioner.goto(
    /http:\/\/localhost:\d+(\/consulta\/acceso\?token=\S+)/.exec(linkText)![1]!,
  );
  const portal = (id: number, radicado = mine.radicado) => `/consulta/${radicado}/adjuntos/${id}`;
  expect((await petitioner.request.get(portal(ids['publico.pdf']!))).status()).toBe(200);
  expect((await petitioner.request.get(portal(ids['interno.pdf']!))).status()).toBe(404);
  expect((await petitioner.request.get(portal(ids['ajeno.pdf']!))).status()).toBe(404);
  // Under the other case's path their session does not travel: 401.
  expect((await petitioner.request.get(portal(ids['ajeno.pdf']!, other.radicado))).status()).toBe(
    401,
  );
});

test('verbal intake keeps the scanned letter, and refuses a file that is not what it says on the field', async ({
  page,
}) => {
  const agent = createStaff({ name: 'Camila Duarte', teamName: 'Correspondencia' });
  await signInAs(page, agent);
  const fill = async (documentNumber: string) => {
    await page.goto('/casos/radicar');
    const request = page.getByRole('form', { name: '2. Datos de la solicitud' });
    await page.getByLabel('Canal *').selectOption('postal');
    await page.getByLabel('Tipo de solicitud *').selectOption('R');
    await page.getByLabel('Asunto *').fill('Carta por cobro doble');
    await page
      .getByLabel('Descripción *')
      .fill('Llegó por correo postal una carta sobre un cobro doble.');
    await request.getByLabel('Número de documento *').fill(documentNumber);
    await request.getByLabel('Nombres y apellidos *').fill('Rosa Quintero');
    await page.getByLabel('Correo electrónico *').fill(`rosa.${documentNumber}@example.co`);
    await page.getByLabel(/autorizó verbalmente/).check();
  };

  await fill(`82${agent.id}001`);
  const files = uploadedFiles().length;
  const cases = countRows('cases');
  await page
    .getByLabel('Documentos recibidos (opcional)')
    .setInputFiles({ name: 'carta.pdf', mimeType: 'application/pdf', buffer: ELF });
  await page.getByRole('button', { name: 'Radicar', exact: true }).click();
  await expect(page.locator('#intake-attachments-error')).toContainText(
    'Este tipo de archivo no se admite',
  );
  expect(countRows('cases')).toBe(cases);
  expect(uploadedFiles()).toHaveLength(files);

  await page
    .getByLabel('Documentos recibidos (opcional)')
    .setInputFiles({ name: 'carta-escaneada.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Radicar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Constancia de radicación' })).toBeVisible();
  const radicado = (await page.getByTestId('radicado').textContent())!.trim();
  const { id } = caseByRadicado(radicado);
  expect(queryDb('select original_name, mime_type from attachments where case_id = ?', id)).toEqual(
    [{ original_name: 'carta-escaneada.pdf', mime_type: 'application/pdf' }],
  );
  expect(uploadedFiles()).toHaveLength(files + 1);
});

test('a postal case: the information request is a letter staff print and record as posted', async ({
  page,
}) => {
  const agent = createStaff({ name: 'Óscar Bernal', teamName: 'Correspondencia' });
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    input: {
      ...filing(`83${agent.id}001`),
      responseMedium: 'postal',
      responseAddress: 'Carrera 7 # 12-40, Bogotá',
    },
  });
  const actor = { role: 'agent', id: agent.id, teamId: agent.teamId };
  runVerb('apply-action', { caseId: filed.id, input: { action: 'take' }, actor });
  runVerb('apply-action', {
    caseId: filed.id,
    input: { action: 'request_info', body: 'Envíe por favor la factura de mayo.' },
    actor,
  });
  await signInAs(page, agent);
  await page.goto(`/casos/${filed.radicado}`);
  const messages = page.getByTestId('case-messages');
  const letter = messages.getByRole('listitem').filter({ hasText: 'Requerimiento de información' });
  await expect(letter).toContainText('Carta (correo postal)');
  await expect(letter).toContainText('Carrera 7 # 12-40, Bogotá');
  await expect(letter).toContainText('Por enviar');
  await expectAccessible(page);
  await letter.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/caso-carta-postal-1366.png' });
  await page.setViewportSize({ width: 360, height: 800 });
  await letter.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/caso-carta-postal-360.png' });
  await page.setViewportSize({ width: 1366, height: 800 });

  const print = letter.getByRole('link', { name: 'Imprimir carta' });
  const pdf = await page.request.get((await print.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(
    Buffer.from(await pdf.body())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  await letter.getByRole('button', { name: 'Registrar envío' }).click();
  await expect(letter.getByText('Envío registrado.')).toBeVisible();
  await page.reload();
  await expect(
    messages.getByRole('listitem').filter({ hasText: 'Requerimiento de información' }),
  ).toContainText('Enviado');
  expect(
    queryDb("select status from outbox where case_id = ? and medium = 'letter'", filed.id),
  ).toEqual([{ status: 'sent' }]);
});
