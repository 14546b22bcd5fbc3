import { randomInt } from 'node:crypto';
import { caseByRadicado, queryDb } from './support/db';
import { expect, formAlert, test } from './support/fixtures';

/**
 * A filing whose answer is lost on the way (issue 17 §3): the petitioner is told plainly, keeps
 * what they typed, presses "Radicar" again, and gets the one case the server already made.
 */
test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.41.${randomInt(256)}.${randomInt(1, 255)}` },
});

test('a filing whose answer is lost is sent again and files one case, not two', async ({
  page,
}) => {
  const subject = `Vertimiento al río ${randomInt(1_000_000)}`;
  await page.goto('/radicar');
  await page.getByRole('radio', { name: /^Denuncia/ }).check();
  await page.getByLabel('Quiero radicar de forma anónima').check();
  await page.getByLabel('Asunto *').fill(subject);
  await page
    .getByLabel('Descripción *')
    .fill('Cada noche una fábrica vierte residuos al río detrás de la planta de tratamiento.');

  // The server files it, but its answer never reaches the browser.
  await page.route('**/api/portal/radicar', async (route) => {
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Radicar' }).click();
  await expect(formAlert(page)).toContainText('No pudimos comunicarnos con el servidor');
  await expect(page.getByLabel('Asunto *')).toHaveValue(subject);
  const filed = () =>
    queryDb<{ radicado: string }>('select radicado from cases where subject = ?', subject);
  expect(filed()).toHaveLength(1);

  await page.unroute('**/api/portal/radicar');
  await page.getByRole('button', { name: 'Radicar' }).click();
  await expect(page.getByRole('heading', { name: 'Constancia de radicación' })).toBeVisible();
  const radicado = (await page.getByTestId('radicado').textContent())!.trim();
  expect(filed()).toEqual([{ radicado }]);
  // The code shown now is the one that opens the case (the lost one was replaced).
  const code = (await page.getByTestId('access-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{12}$/);
  expect(caseByRadicado(radicado)).toMatchObject({ is_anonymous: 1, type_code: 'D' });
});

test('the filing form shows every error in one round, keeps what was typed, and focuses the first', async ({
  page,
}) => {
  await page.goto('/radicar');
  await page.getByRole('radio', { name: /^Reclamo/ }).check();
  await page.getByLabel('Descripción *').fill('Corto');
  await page.getByLabel('Tipo de documento *').selectOption('CC');
  await page.getByLabel('Número de documento *').fill('1030555111');
  await page.getByLabel('Nombres y apellidos *').fill('Carolina Vélez Ruiz');
  await page.getByLabel('Correo electrónico *').fill('carolina-sin-arroba');
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') sent.push(request.url());
  });
  await page.getByRole('button', { name: 'Radicar' }).click();

  // Subject, description, e-mail and consent are all named at once, not one per attempt, by the
  // server's own schema run in the browser: nothing was sent.
  const invalid = page.locator('[aria-invalid="true"]');
  await expect(invalid).toHaveCount(4);
  await expect(page.locator('.field-error')).toHaveCount(4);
  await expect(invalid.first()).toBeFocused();
  await expect(page.getByLabel('Asunto *')).toBeFocused();
  // Nothing typed is lost.
  await expect(page.getByLabel('Descripción *')).toHaveValue('Corto');
  await expect(page.getByLabel('Número de documento *')).toHaveValue('1030555111');
  await expect(page.getByLabel('Correo electrónico *')).toHaveValue('carolina-sin-arroba');
  expect(await page.getByRole('radio', { name: /^Reclamo/ }).isChecked()).toBe(true);
  await expect(page.getByText('Escriba al menos 20 caracteres.')).toBeVisible();
  expect(sent).toEqual([]);

  // Put right, the same form files the case on the server.
  await page.getByLabel('Asunto *').fill('Cobro de una reconexión que no pedí');
  await page
    .getByLabel('Descripción *')
    .fill('En la factura de noviembre aparece un cobro por reconexión que nunca solicité.');
  await page.getByLabel('Correo electrónico *').fill(`carolina.${randomInt(1_000_000)}@example.co`);
  await page.getByLabel(/Autorizo el tratamiento/).check();
  await page.getByRole('button', { name: 'Radicar' }).click();
  await expect(page.getByRole('heading', { name: 'Constancia de radicación' })).toBeVisible();
  expect(sent).toHaveLength(1);
});

test('the look-up form names a malformed radicado and an empty secret without asking the server', async ({
  page,
}) => {
  await page.goto('/consulta');
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') sent.push(request.url());
  });
  await page.getByLabel('Número de radicado').fill('12345');
  await page.getByRole('button', { name: 'Consultar' }).click();
  await expect(page.getByText('Escriba el radicado completo, por ejemplo')).toBeVisible();
  await expect(page.getByLabel('Número de radicado')).toBeFocused();
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(2);
  expect(sent).toEqual([]);
});
