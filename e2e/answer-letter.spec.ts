import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { caseByRadicado, queryDb } from './support/db';
import { E2E_ENV } from './support/env';
import {
  createStaff,
  expect,
  expectAccessible,
  openAction,
  runVerb,
  signInAs,
  snap,
  test,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.8.${randomInt(256)}.${randomInt(1, 255)}` },
});

const FIRST = 'Revisamos su factura de marzo y el cobro corresponde al consumo medido.';
const SECOND = 'Por eso no procede la devolución que solicita.';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
    mergePages: true,
  });
  return text.replace(/\s+/g, ' ');
}

test('the agent previews the answer letter, confirms it, and both sides get the PDF', async ({
  page,
  browser,
}) => {
  const agent = createStaff({ name: 'Camila Duarte', teamName: 'Facturación' });
  const document = `74${agent.id}0002`;
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    actor: { role: 'customer', id: null, caseId: null },
    input: {
      typeCode: 'R',
      channel: 'web',
      subject: `Cobro de marzo ${agent.id}`,
      description: 'Me cobraron un consumo que no hice.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: document,
        fullName: 'Julián Mora',
        email: `julian.letter.${agent.id}@example.co`,
      },
    },
  });
  const { id } = caseByRadicado(filed.radicado);
  await signInAs(page, agent);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/casos/${filed.radicado}`);
  await page.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');

  const form = await openAction(page, 'Dar respuesta de fondo');
  await form.getByLabel('Decisión').selectOption('niega');
  await form.getByLabel('Texto').fill(`${FIRST}\n\n${SECOND}`);
  // There is no way to send before seeing the letter.
  await expect(form.getByRole('button', { name: 'Confirmar y enviar la respuesta' })).toHaveCount(
    0,
  );
  await form.getByRole('button', { name: 'Previsualizar la respuesta' }).click();
  const preview = form.getByTestId('answer-preview');
  await expect(preview).toContainText(filed.radicado);
  await expect(preview).toContainText('Julián Mora');
  await expect(preview).toContainText('Decisión: Se niega');
  await expect(preview).toContainText(FIRST);
  await expect(preview).toContainText(SECOND);
  await expect(preview).toContainText('Camila Duarte');
  await expect(preview).toContainText('recurso de reposición');
  await expect(form.getByLabel('Texto')).toBeHidden();
  expect(queryDb('select id from attachments where case_id = ?', id)).toHaveLength(0);
  await expectAccessible(page);
  await snap(page, 'answer-preview-1366-es');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'answer-preview-360-es');
  await page.setViewportSize({ width: 1366, height: 900 });

  // Back to editing keeps what was written; the answer still needs a fresh preview.
  await form.getByRole('button', { name: 'Volver a editar' }).click();
  await expect(form.getByLabel('Texto')).toHaveValue(`${FIRST}\n\n${SECOND}`);
  await form.getByRole('button', { name: 'Previsualizar la respuesta' }).click();
  await form.getByRole('button', { name: 'Confirmar y enviar la respuesta' }).dblclick();
  await expect(page.getByTestId('case-state')).toHaveText('Respondida');

  const letters = queryDb<{ id: number; stored_name: string; visibility: string }>(
    "select id, stored_name, visibility from attachments where case_id = ? and kind = 'answer_letter'",
    id,
  );
  expect(letters).toHaveLength(1);
  const letter = letters[0]!;
  expect(letter.visibility).toBe('public');
  const mails = queryDb<{ attachment_ids: string }>(
    "select attachment_ids from outbox where case_id = ? and kind = 'answer'",
    id,
  );
  expect(mails).toHaveLength(1);
  expect(JSON.parse(mails[0]!.attachment_ids)[0]).toBe(letter.id);

  // Staff: the download link, and the printable copy of the same letter.
  const staffLink = page.getByRole('link', { name: 'Descargar la respuesta (PDF)' });
  await expect(staffLink).toHaveAttribute('href', `/api/casos/${id}/adjuntos/${letter.id}`);
  const printed = await page.request.get(`/api/casos/${id}/carta`);
  expect(printed.status()).toBe(200);
  expect(printed.headers()['content-type']).toBe('application/pdf');
  const staffText = await pdfText(await printed.body());
  for (const part of [filed.radicado, FIRST, SECOND, 'Julián Mora', 'Camila Duarte']) {
    expect(staffText).toContain(part);
  }
  await snap(page, 'answer-sent-1366-es');
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Download the answer (PDF)' })).toBeVisible();
  await snap(page, 'answer-sent-1366-en');

  // The petitioner looks the case up and finds the letter at hand.
  const petitioner = await browser.newContext({
    viewport: { width: 360, height: 800 },
    locale: 'es-CO',
    extraHTTPHeaders: { 'X-Forwarded-For': `10.9.${randomInt(256)}.${randomInt(1, 255)}` },
  });
  const portal = await petitioner.newPage();
  await portal.goto('/consulta');
  await portal.getByLabel('Número de radicado').fill(filed.radicado);
  await portal.getByLabel('Número de documento o código de acceso').fill(document);
  await portal.getByRole('button', { name: 'Consultar' }).click();
  await expect(portal.getByTestId('case-state')).toHaveText('Respondida');
  const portalLink = portal.getByRole('link', { name: 'Descargar la respuesta (PDF)' });
  await expect(portalLink).toHaveAttribute(
    'href',
    `/consulta/${filed.radicado}/adjuntos/${letter.id}`,
  );
  await expectAccessible(portal);
  await snap(portal, 'answer-portal-360-es');
  // The petitioner's download is the stored letter, byte for byte.
  const uploads = path.join(path.dirname(E2E_ENV.DATABASE_PATH), 'uploads');
  const stored = fs.readFileSync(path.join(uploads, letter.stored_name));
  const [download] = await Promise.all([portal.waitForEvent('download'), portalLink.click()]);
  const downloaded = fs.readFileSync((await download.path())!);
  expect(downloaded.equals(stored)).toBe(true);
  const portalText = await pdfText(downloaded);
  expect(portalText).toContain(filed.radicado);
  expect(portalText).toContain(SECOND);
  await petitioner.close();
});

test('the printable letter is for staff in scope only', async ({ page }) => {
  const agent = createStaff({ teamName: 'Entregas' });
  const other = createStaff({ teamName: 'Cartera' });
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    input: {
      typeCode: 'P',
      channel: 'web',
      subject: 'Copia del contrato',
      description: 'Solicito copia de mi contrato.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `75${agent.id}0003`,
        fullName: 'Rosa Díaz',
        email: `rosa.${agent.id}@example.co`,
      },
    },
  });
  runVerb('apply-action', {
    actor: { role: 'agent', id: agent.id, teamId: agent.teamId },
    caseId: filed.id,
    input: { action: 'take' },
  });
  // The agent works in English; the letter follows the case's language (Spanish).
  await signInAs(page, agent);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/casos/${filed.radicado}`);
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const form = await openAction(page, 'Give the answer');
  await form.getByLabel('Decision').selectOption('concede');
  await form.getByLabel('Text').fill('Adjuntamos la copia solicitada.');
  await form.getByRole('button', { name: 'Preview the answer' }).click();
  await expect(form.getByTestId('answer-preview')).toContainText('Decisión: Se concede');
  await expect(form.getByTestId('answer-preview')).not.toContainText('recurso de reposición');
  await snap(page, 'answer-preview-1366-en');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'answer-preview-360-en');
  await form.getByRole('button', { name: 'Confirm and send the answer' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Answered');
  await page.context().clearCookies();
  await signInAs(page, other);
  const refused = await page.request.get(`/api/casos/${filed.id}/carta`);
  expect(refused.status()).toBe(403);
  await page.context().clearCookies();
  expect((await page.request.get(`/api/casos/${filed.id}/carta`)).status()).toBe(401);
  await signInAs(page, agent);
  const own = await page.request.get(`/api/casos/${filed.id}/carta`);
  expect(own.status()).toBe(200);
  expect(await pdfText(await own.body())).toContain('Adjuntamos la copia solicitada.');
});
