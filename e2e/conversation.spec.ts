import { simpleParser, type ParsedMail } from 'mailparser';
import fs from 'node:fs';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { caseByRadicado, countRows, queryDb, uploadedFiles } from './support/db';
import { E2E_ENV } from './support/env';
import { ELF, PDF } from './support/files';
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
import type { Download, Page } from '@playwright/test';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.44' } });

/** A second real PDF, distinct from the petitioner's, for what the agent sends. */
const SUPPORT_PDF = Buffer.from(PDF.toString().replace('%%EOF', '% soporte del agente\n%%EOF'));
const MAIL_DIR = path.join(path.dirname(E2E_ENV.DATABASE_PATH), 'mail');

/** The e-mail the outbox worker delivered for a case event, read back from its .eml file. */
async function deliveredMail(eventId: number): Promise<ParsedMail> {
  const file = path.join(MAIL_DIR, `event.${eventId}@ventanilla.local.eml`);
  await expect.poll(() => fs.existsSync(file), { timeout: 30_000 }).toBe(true);
  return simpleParser(fs.readFileSync(file));
}

async function bytesOf(download: Promise<Download>): Promise<Buffer> {
  const file = await (await download).path();
  return fs.readFileSync(file);
}

const lastEvent = (caseId: number, action: string) =>
  queryDb<{ id: number }>(
    'select id from case_events where case_id = ? and action = ? order by id desc limit 1',
    caseId,
    action,
  )[0]!.id;

async function fileReclamoWithPdf(page: Page, document: string): Promise<string> {
  await page.goto('/radicar');
  await page.getByRole('radio', { name: /^Reclamo/ }).check();
  await page.getByLabel('Asunto *').fill('Cobro doble en la factura de abril');
  await page
    .getByLabel('Descripción *')
    .fill('En la factura de abril me cobraron dos veces el cargo fijo. Adjunto la factura.');
  await page.getByLabel('Tipo de documento *').selectOption('CC');
  await page.getByLabel('Número de documento *').fill(document);
  await page.getByLabel('Nombres y apellidos *').fill('Mariana Ospina Gil');
  await page.getByLabel('Correo electrónico *').fill('mariana@example.co');
  await page
    .getByLabel('Archivos (opcional)')
    .setInputFiles({ name: 'factura-abril.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByLabel(/Autorizo el tratamiento de mis datos personales/).check();
  await page.getByRole('button', { name: 'Radicar' }).click();
  await expect(page.getByRole('heading', { name: 'Constancia de radicación' })).toBeVisible();
  return (await page.getByTestId('radicado').textContent())!.trim();
}

test('the conversation: a file in, a reply with a file out by e-mail, the answer as a PDF letter', async ({
  page,
  browser,
}) => {
  const radicado = await fileReclamoWithPdf(page, '1030777222');
  const { id: caseId } = caseByRadicado(radicado);

  // The agent sees the petitioner's PDF on the case page and downloads the same bytes.
  const agent = createStaff({ name: 'Tomás Arango', teamName: 'Facturación' });
  const staff = await (await browser.newContext()).newPage();
  await signInAs(staff, agent);
  await staff.goto(`/casos/${radicado}`);
  const theirs = staff.getByRole('link', { name: /factura-abril\.pdf/ }).first();
  await expect(theirs).toBeVisible();
  expect(
    await bytesOf(Promise.all([staff.waitForEvent('download'), theirs.click()]).then(([d]) => d)),
  ).toEqual(PDF);
  await staff.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect(staff.getByTestId('case-state')).toHaveText('En trámite');

  // A reply in two paragraphs with a file.
  const reply = await openAction(staff, 'Responder al peticionario (mensaje)');
  await reply
    .getByLabel('Texto')
    .fill('Recibimos su factura de abril.\n\nAdjuntamos el soporte del ajuste que aplicaremos.');
  await reply.getByLabel('Archivos adjuntos (opcional)').setInputFiles({
    name: 'soporte-ajuste.pdf',
    mimeType: 'application/pdf',
    buffer: SUPPORT_PDF,
  });
  await reply.getByRole('button', { name: 'Responder al peticionario (mensaje)' }).click();
  await expect(reply.getByLabel('Texto')).toHaveValue('');

  // It arrives as an e-mail: both paragraphs apart, the file attached, byte for byte.
  const mail = await deliveredMail(lastEvent(caseId, 'reply'));
  expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('mariana@example.co');
  expect(mail.subject).toContain(radicado);
  expect(mail.text).toMatch(/Recibimos su factura de abril\.\n\nAdjuntamos el soporte/);
  expect(mail.html).toContain('<p>Recibimos su factura de abril.</p>');
  expect(mail.attachments.map((a) => a.filename)).toEqual(['soporte-ajuste.pdf']);
  expect(mail.attachments[0]!.content.equals(SUPPORT_PDF)).toBe(true);

  // The petitioner follows the mail's link and downloads the agent's file from the portal.
  const link = /http:\/\/localhost:\d+\/consulta\/acceso\?token=\S+/.exec(mail.text ?? '')?.[0];
  expect(link).toBeDefined();
  const petitioner = await (await browser.newContext()).newPage();
  await petitioner.goto(link!);
  await expect(
    petitioner.getByRole('heading', { level: 1, name: `Su caso ${radicado}` }),
  ).toBeVisible();
  const ours = petitioner.getByRole('link', { name: /soporte-ajuste\.pdf/ }).first();
  expect(
    await bytesOf(
      Promise.all([petitioner.waitForEvent('download'), ours.click()]).then(([d]) => d),
    ),
  ).toEqual(SUPPORT_PDF);

  // The agent previews the answer letter, confirms it and sends it.
  const answer = await openAction(staff, 'Dar respuesta de fondo');
  await answer.getByLabel('Decisión').selectOption({ label: 'Se concede' });
  const answerText = 'Reintegramos el cargo fijo cobrado dos veces en la factura de abril.';
  await answer.getByLabel('Texto').fill(answerText);
  await answer.getByRole('button', { name: 'Previsualizar la respuesta' }).click();
  const preview = answer.getByTestId('answer-preview');
  await expect(preview).toContainText(radicado);
  await expect(preview).toContainText(answerText);
  await answer.getByRole('button', { name: 'Confirmar y enviar la respuesta' }).click();
  await expect(staff.getByTestId('case-state')).toHaveText('Respondida');

  // The petitioner downloads the answer letter: a PDF with the radicado and the answer's text.
  await petitioner.reload();
  const letter = petitioner.getByRole('link', { name: /Descargar la respuesta \(PDF\)/ });
  const bytes = await bytesOf(
    Promise.all([petitioner.waitForEvent('download'), letter.click()]).then(([d]) => d),
  );
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
    mergePages: true,
  });
  const flat = text.replace(/\s+/g, ' ');
  expect(flat).toContain(radicado);
  expect(flat).toContain(answerText);
  await expectAccessible(petitioner);
  await snap(petitioner, 'conversacion-peticionario-respuesta');
});

test('a file an agent attaches that fails the content check is refused on the field, and nothing is written', async ({
  page,
}) => {
  const radicado = await fileReclamoWithPdf(page, '1030777333');
  const { id: caseId } = caseByRadicado(radicado);
  const agent = createStaff({ name: 'Tomás Arango', teamName: 'Facturación' });
  await page.context().clearCookies();
  await signInAs(page, agent);
  await page.goto(`/casos/${radicado}`);
  await page.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');
  const files = uploadedFiles().length;
  const attachments = countRows('attachments');

  const reply = await openAction(page, 'Responder al peticionario (mensaje)');
  await reply.getByLabel('Texto').fill('Adjunto el programa.');
  await reply
    .getByLabel('Archivos adjuntos (opcional)')
    .setInputFiles({ name: 'soporte.pdf', mimeType: 'application/pdf', buffer: ELF });
  await reply.getByRole('button', { name: 'Responder al peticionario (mensaje)' }).click();
  await expect(reply.locator('#reply-attachments-error')).toContainText(
    'Este tipo de archivo no se admite',
  );
  await expect(formAlert(page)).toBeVisible();
  expect(uploadedFiles()).toHaveLength(files);
  expect(countRows('attachments')).toBe(attachments);
  expect(
    queryDb("select id from case_events where case_id = ? and action = 'reply'", caseId),
  ).toEqual([]);
});
