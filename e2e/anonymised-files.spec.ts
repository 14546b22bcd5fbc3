import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { queryDb, uploadedFiles } from './support/db';
import { E2E_ENV } from './support/env';
import {
  createStaff,
  expect,
  expectAccessible,
  runVerb,
  signInAs,
  snap,
  test,
  mailText,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.8.${randomInt(256)}.${randomInt(1, 255)}` },
});

const mailDir = path.join(path.dirname(E2E_ENV.DATABASE_PATH), 'mail');
const emlOf = (messageId: string) =>
  path.join(mailDir, `${messageId.replace(/^<|>$/g, '').replace(/[^\w.@-]/g, '_')}.eml`);

test('anonymising a customer deletes their files and mail copies, ends their portal access, and the staff page says so', async ({
  page,
  browser,
}) => {
  const agent = createStaff({ name: 'Andrés Lozano', teamName: 'Acueducto' });
  const admin = createStaff({ role: 'admin', name: 'Amparo Salcedo' });
  const documentNumber = `73${randomInt(10_000_000, 99_999_999)}`;
  const fullName = `Rigoberto Zuleta ${documentNumber.slice(-4)}`;
  const email = `rigoberto.${documentNumber}@example.co`;
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    input: {
      typeCode: 'R',
      channel: 'web',
      subject: `Cobro doble de ${fullName}`,
      description: `Yo, ${fullName}, reclamo un cobro doble en la factura de mayo.`,
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber,
        fullName,
        email,
        phone: '3104445566',
        address: 'Carrera 7 # 45-10, Bogotá',
      },
    },
  });
  const actor = { role: 'agent', id: agent.id, teamId: agent.teamId };
  runVerb('apply-action', { caseId: filed.id, input: { action: 'take' }, actor });
  runVerb('attach-file', { caseId: filed.id, name: 'cedula.pdf', visibility: 'public' });
  runVerb('attach-file', { caseId: filed.id, name: 'visita-tecnica.pdf', visibility: 'internal' });
  runVerb('apply-action', {
    caseId: filed.id,
    input: {
      action: 'answer',
      decision: 'concede',
      body: `Señor ${fullName}: reintegramos el cobro.`,
    },
    actor,
  });
  // The sender writes the constancia and the answer as .eml files.
  const mails = () =>
    queryDb<{ message_id: string }>(
      "select message_id from outbox where case_id = ? and medium = 'email' and status = 'sent'",
      filed.id,
    ).map((m) => emlOf(m.message_id));
  await expect.poll(() => mails().filter((f) => fs.existsSync(f)).length).toBe(2);
  const files = () =>
    queryDb<{ stored_name: string; kind: string }>(
      'select stored_name, kind from attachments where case_id = ? order by id',
      filed.id,
    );
  const filesBefore = files();

  // The petitioner opens the case from the e-mailed link: a cookie for it.
  const petitioner = await (await browser.newContext()).newPage();
  const constanciaText = mailText(filed.id, 'constancia');
  const link = /http:\/\/localhost:\d+(\/consulta\/acceso\?token=\S+)/.exec(constanciaText)![1]!;
  await petitioner.goto(link);
  await expect(petitioner).toHaveURL(new RegExp(`/consulta/${filed.radicado}$`));

  // The admin anonymises them.
  await signInAs(page, admin);
  await page.goto(`/admin/datos-personales?q=${documentNumber}`);
  await page.getByRole('link', { name: fullName }).click();
  await page.getByLabel('Confirmo que el titular solicitó la supresión de sus datos').check();
  await page.getByRole('button', { name: 'Anonimizar titular' }).click();
  await expect(page.getByTestId('anonymise-outcome')).toContainText('Titular anonimizado');

  // On disk: the mail copies and the files are gone; the letter is a new file.
  for (const eml of mails()) expect(fs.existsSync(eml), eml).toBe(false);
  const stored = new Set(uploadedFiles());
  for (const before of filesBefore) expect(stored.has(before.stored_name)).toBe(false);
  const after = files();
  expect(after.map((f) => [f.kind, f.stored_name.startsWith('retirado:')])).toEqual([
    ['file', true],
    ['file', true],
    ['answer_letter', false],
  ]);
  expect(stored.has(after[2]!.stored_name)).toBe(true);

  // The petitioner's cookie and link open nothing any more: back to the look-up, asked again.
  await petitioner.goto(`/consulta/${filed.radicado}`);
  await expect(petitioner).toHaveURL(/\/consulta\?error=session$/);
  await expect(petitioner.getByRole('status')).toContainText('Consulte de nuevo');
  await petitioner.goto(link);
  await expect(petitioner).toHaveURL(/\/consulta\?error=link$/);
  await expect(petitioner.getByRole('status')).toContainText('El enlace ya no es válido');

  // Staff still open the case: the files named as removed, the letter downloads.
  await signInAs(page, agent);
  for (const locale of ['es', 'en'] as const) {
    await page
      .context()
      .addCookies([{ name: 'NEXT_LOCALE', value: locale, url: E2E_ENV.NEXTAUTH_URL }]);
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/casos/${filed.radicado}`);
      const removed = page.getByTestId('removed-file');
      await expect(removed).toHaveCount(2);
      await expect(
        page.getByText(/Retirado por anonimización|Removed: petitioner anonymised/),
      ).toHaveCount(2);
      expect(await page.locator('body').innerText()).not.toContain(documentNumber);
      await expectAccessible(page);
      await snap(page, `anonymised-case-${locale}-${width}`);
    }
  }
  const download = await page.request.get(
    `/api/casos/${filed.id}/adjuntos/${queryDb<{ id: number }>("select id from attachments where case_id = ? and kind = 'answer_letter'", filed.id)[0]!.id}`,
  );
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
});
