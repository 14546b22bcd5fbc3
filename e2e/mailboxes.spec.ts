/**
 * The entity's mailbox, end to end (issue 19): an admin adds it through the form against a real
 * Dovecot (a wrong password refused on the spot, then saved), three e-mails arrive, one pass of the
 * worker radicates the petition and the broken one (whose original staff download from its case)
 * and holds the auto-reply, the page shows the mailbox working, the health endpoint reports it,
 * and a supervisor radicates the held one from the quarantine.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import type { ImapFlow } from 'imapflow';
import { imapSession, plainMessage } from '@/lib/server/testing/imap-client';
import { startImapServer, type TestImapServer } from '@/lib/server/testing/imap-server';
import { oddMessages } from '@/lib/server/testing/odd-mail';
import { queryDb } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  runVerb,
  showIn,
  signInAs,
  snapBoth,
  test,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.19.${randomInt(256)}.${randomInt(1, 255)}` },
});

const USER = `pqrs${randomInt(1e6)}`;
let server: TestImapServer;
let mail: ImapFlow;

test.beforeAll(async () => {
  server = await startImapServer({ users: [{ name: USER, password: 'clave-del-buzon' }] });
  mail = await imapSession(server, USER, 'clave-del-buzon');
});
test.afterAll(async () => {
  await mail?.logout().catch(() => {});
  await server?.stop();
});

test('an admin adds the mailbox, its mail is radicated or held, a supervisor decides', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const admin = createStaff({ role: 'admin', teamName: 'Buzones' });
  await signInAs(page, admin);
  await page.goto('/admin/buzones');
  const name = `PQRS ${USER}`;
  const form = page.getByRole('form', { name: 'Agregar buzón' });
  await form.getByLabel('Nombre').fill(name);
  await form.getByLabel('Servidor IMAP').fill('localhost');
  await form.getByLabel('Puerto').fill(String(server.port));
  await form.getByLabel('Usuario (cuenta del buzón)').fill(USER);
  await form.getByLabel('Contraseña').fill('clave-equivocada');
  await form.getByText('Más opciones: OAuth2 y certificado propio').click();
  await form.getByLabel('Certificado de una CA propia (opcional, PEM)').fill(server.certPem);
  await form.getByRole('button', { name: 'Probar y guardar' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'El servidor rechazó el usuario o la contraseña',
  );
  // What was typed stays; only the password is corrected.
  await expect(form.getByLabel('Servidor IMAP')).toHaveValue('localhost');
  await form.getByLabel('Contraseña').fill('clave-del-buzon');
  await form.getByRole('button', { name: 'Probar y guardar' }).click();
  const saved = page.getByRole('listitem', { name });
  await expect(saved).toContainText('Sin leer aún');

  const arrived = new Date('2026-12-03T13:45:00.000Z');
  await mail.append(
    'INBOX',
    plainMessage({
      from: 'Marta Ruiz <marta.ruiz@example.co>',
      subject: `Reclamo por corte de agua ${USER}`,
      text: 'Desde el lunes no tenemos agua en el barrio y nadie nos ha avisado la causa.',
      messageId: `<peticion.${USER}@example.co>`,
    }),
    [],
    arrived,
  );
  await mail.append(
    'INBOX',
    plainMessage({
      from: 'Jorge Díaz <jorge.diaz@example.co>',
      subject: `Respuesta automática: fuera de la oficina ${USER}`,
      text: 'Estaré fuera hasta el lunes; además quiero saber por qué me cobraron dos veces.',
      messageId: `<auto.${USER}@example.co>`,
      headers: { 'Auto-Submitted': 'auto-replied' },
    }),
    [],
    arrived,
  );
  // A broken one: radicated with what can be read, the original kept for staff.
  await mail.append('INBOX', oddMessages(USER).malformed, [], arrived);
  const [{ id }] = queryDb<{ id: number }>('select id from mailboxes where name = ?', name) as [
    { id: number },
  ];
  expect(runVerb('pass-mailbox', { id })).toMatchObject({ created: 2, quarantined: 1 });

  await page.reload();
  await expect(saved).toContainText('Funciona');
  await expectAccessible(page);
  await snapBoth(page, 'mailboxes/admin-buzones-es');
  await showIn(page, 'en');
  await page.reload();
  await expect(saved).toContainText('Working');
  await expectAccessible(page);
  await snapBoth(page, 'mailboxes/admin-buzones-en');
  await showIn(page, 'es');
  await page.reload();

  const [petition] = queryDb<{ radicado: string; received_at: number }>(
    "select radicado, received_at from cases where subject like 'Reclamo por corte de agua %' and subject like ?",
    `%${USER}`,
  );
  expect(petition!.received_at).toBe(arrived.getTime());

  // Staff open the broken message's original from its case, marked internal.
  const [broken] = queryDb<{ radicado: string }>(
    'select c.radicado from inbound_mail m join cases c on c.id = m.case_id where m.message_key = ?',
    `mid:<roto.${USER.toLowerCase()}@example.co>`,
  );
  await page.goto(`/casos/${broken!.radicado}`);
  await expect(page.getByText('El cuerpo del correo no se pudo leer')).toBeVisible();
  const original = page.getByRole('listitem').filter({ hasText: 'correo-original.eml' });
  await expect(original).toContainText('Interno');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    original.getByRole('link', { name: /correo-original\.eml/ }).click(),
  ]);
  const file = await download.path();
  expect(fs.readFileSync(file, 'utf8')).toContain(`Message-ID: <roto.${USER}@example.co>`);

  const health = await (await page.request.get('/api/salud')).json();
  expect(health.mailboxes).toContainEqual(expect.objectContaining({ id, status: 'ok' }));

  await page.goto('/correo/cuarentena');
  const held = page.getByRole('row', { name: new RegExp(`fuera de la oficina ${USER}`) });
  await expect(held).toContainText('Respuesta automática');
  await expectAccessible(page);
  await snapBoth(page, 'mailboxes/cuarentena-es');
  await showIn(page, 'en');
  await page.reload();
  await expect(held).toContainText('Automatic reply');
  await expectAccessible(page);
  await snapBoth(page, 'mailboxes/cuarentena-en');
  await showIn(page, 'es');
  await page.reload();
  await expect(held).toContainText('Respuesta automática');
  // The supervisor reads the held message as it arrived before deciding.
  const [heldOriginal] = await Promise.all([
    page.waitForEvent('download'),
    held.getByRole('link', { name: /Ver el original/ }).click(),
  ]);
  expect(fs.readFileSync(await heldOriginal.path(), 'utf8')).toContain(
    'Auto-Submitted: auto-replied',
  );
  await held.getByRole('button', { name: 'Radicar' }).click();
  await expect(held).toHaveCount(0);
  const [radicated] = queryDb<{ received_at: number; response_address: string }>(
    'select c.received_at, c.response_address from inbound_mail m join cases c on c.id = m.case_id where m.message_key = ?',
    `mid:<auto.${USER.toLowerCase()}@example.co>`,
  );
  expect(radicated).toMatchObject({
    received_at: arrived.getTime(),
    response_address: 'jorge.diaz@example.co',
  });
});
