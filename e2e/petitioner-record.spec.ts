import { randomInt } from 'node:crypto';
import { queryDb } from './support/db';
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
  extraHTTPHeaders: { 'X-Forwarded-For': `10.45.${randomInt(256)}.${randomInt(1, 255)}` },
});

type Received = { outcome: 'created' | 'threaded'; caseId: number; radicado: string };

test('staff complete an e-mailed identity, correct the contact data on the petitioner record, and join a repeat e-mail (issue 14 §5)', async ({
  page,
}) => {
  const agent = createStaff({ name: 'Marta Ríos' });
  const tag = `${Date.now().toString(36)}${randomInt(1000)}`;
  const luis = `luis.${tag}@example.co`;
  const document = String(70_000_000 + randomInt(9_999_999));

  // Luis writes by e-mail, without a document: the case waits for its identity.
  const first = runVerb<Received>('receive-mail', {
    from: `Luis Gómez <${luis}>`,
    subject: 'Cobro de reconexión que no pedí',
    text: 'Me cobraron una reconexión en la factura de noviembre y nunca me cortaron el servicio.',
  });
  expect(first.outcome).toBe('created');
  await signInAs(page, agent);
  await page.goto(`/casos/${first.radicado}`);
  await expect(page.getByTestId('identity-pending')).toContainText(luis);

  await page.getByText('Completar identidad', { exact: true }).first().click();
  const identity = page.getByTestId('identity-form');
  await identity.getByRole('button', { name: 'Completar identidad' }).click();
  await expect(identity.getByText('Este campo es obligatorio').first()).toBeVisible();
  expect(queryDb('select customer_id from cases where id = ?', first.caseId)).toEqual([
    { customer_id: null },
  ]);
  await identity.getByLabel('Tipo de documento').selectOption('CC');
  await identity.getByLabel('Número de documento').fill(document);
  await identity.getByLabel('Nombre completo').fill('Luis Alberto Gómez');
  await expect(identity.getByLabel('Correo electrónico')).toHaveValue(luis);
  await identity.getByRole('button', { name: 'Completar identidad' }).click();
  await expect(page.getByText('Luis Alberto Gómez').first()).toBeVisible();
  await expect(page.getByText('Identidad completada').first()).toBeVisible();

  // The petitioner record: the case, and the identity change with who made it.
  await page.getByRole('link', { name: 'Ver ficha del peticionario' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Luis Alberto Gómez' })).toBeVisible();
  await expect(page.getByTestId('petitioner-cases')).toContainText(first.radicado);
  const changes = page.getByTestId('petitioner-changes');
  await expect(changes).toContainText('Identidad completada');
  await expect(changes).toContainText('Marta Ríos');
  await expect(changes).toContainText(document);

  // A correction needs its reason; with it, the before and after are on record.
  await page.getByText('Corregir datos', { exact: true }).click();
  const form = page.getByTestId('contact-form');
  await form.getByLabel('Teléfono').fill('3157654321');
  await form.getByRole('button', { name: 'Guardar corrección' }).click();
  await expect(form.getByText('Este campo es obligatorio')).toBeVisible();
  await form.getByLabel('Motivo del cambio').fill('Llamó a dar su celular');
  await form.getByRole('button', { name: 'Guardar corrección' }).click();
  await expect(form.getByText('Datos corregidos.')).toBeVisible();
  await expect(page.getByTestId('petitioner-contact')).toContainText('3157654321');
  await expect(changes).toContainText('Datos corregidos');
  await expect(changes).toContainText('Llamó a dar su celular');
  await expectAccessible(page);
  await snap(page, 'petitioner-record-1366-es');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'petitioner-record-360-es');
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(page.getByRole('heading', { name: 'Identity and contact changes' })).toBeVisible();
  await snap(page, 'petitioner-record-360-en');
  await page.setViewportSize({ width: 1366, height: 900 });
  await snap(page, 'petitioner-record-1366-en');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Switch language to Español' }).click();

  // He writes again about the same matter from the same address: offered as a repeat contact.
  const second = runVerb<Received>('receive-mail', {
    from: luis,
    subject: 'Sigo esperando por el cobro de reconexión',
    text: 'Escribo otra vez porque no he tenido respuesta sobre el cobro de reconexión.',
  });
  expect(second.outcome).toBe('created');
  await page.goto(`/casos/${second.radicado}`);
  const offer = page.getByRole('region', { name: '¿Contacto repetido?' });
  await expect(offer).toContainText(first.radicado);
  await expectAccessible(page);
  await snap(page, 'repeat-offer-1366-es');
  await offer.getByRole('button', { name: `Unir al caso ${first.radicado}` }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Fusionada');
  await expect(formAlert(page)).toHaveCount(0);
  expect(queryDb('select repeat_contact_count from cases where id = ?', first.caseId)[0]).toEqual({
    repeat_contact_count: 1,
  });
});
