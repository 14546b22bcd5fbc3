import { randomInt } from 'node:crypto';
import { createStaff, expect, openAction, runVerb, signInAs, snap, test } from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.45.${randomInt(256)}.${randomInt(1, 255)}` },
});

function fileCase(documentNumber: string) {
  return runVerb<{ id: number; radicado: string }>('file-case', {
    input: {
      typeCode: 'R',
      channel: 'phone',
      subject: 'Cobro de reconexión sin corte previo',
      description: 'Me cobraron una reconexión aunque el servicio nunca se suspendió.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber,
        fullName: 'Marta Ríos',
        email: 'marta@example.co',
      },
    },
  });
}

test('the bell and the case page follow the petitioner without a reload (issue 14 §3–4)', async ({
  page,
  browser,
}) => {
  const ana = createStaff({ name: 'Ana Ruiz', teamName: 'Cartera' });
  const supervisor = createStaff({ name: 'Sara Díaz', role: 'supervisor' });
  const filed = fileCase(`8${randomInt(10_000_000, 99_999_999)}`);
  const asAna = { role: 'agent', id: ana.id, teamId: ana.teamId };
  runVerb('apply-action', { caseId: filed.id, input: { action: 'take' }, actor: asAna });
  runVerb('apply-action', {
    caseId: filed.id,
    input: { action: 'request_info', body: 'Envíe la factura del mes.' },
    actor: asAna,
  });

  // Ana works in her queue; a supervisor has the case open.
  await signInAs(page, ana);
  await page.goto('/casos');
  await expect(page.getByTestId('bell-count')).toHaveCount(0);
  const other = await browser.newContext();
  const watcher = await other.newPage();
  await signInAs(watcher, supervisor);
  await watcher.goto(`/casos/${filed.radicado}`);
  await expect(watcher.getByTestId('case-state')).toHaveText('Requiere información');
  // Both pages are connected before the petitioner answers.
  await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');

  runVerb('apply-action', {
    caseId: filed.id,
    input: { action: 'provide_info', body: 'Adjunto la factura de marzo.' },
    actor: { role: 'customer', id: null, caseId: filed.id },
  });
  await expect(page.getByTestId('bell-count')).toHaveText('1', { timeout: 8_000 });
  await expect(watcher.getByTestId('case-state')).toHaveText('En trámite', { timeout: 8_000 });
  await expect(watcher.getByText('Adjunto la factura de marzo.')).toBeVisible();

  await page.getByRole('link', { name: /Avisos/ }).click();
  await expect(page.getByRole('cell', { name: 'Llegó la información pedida' })).toBeVisible();

  // Ana opens the case: the supervisor sees her there, then sees her writing a reply.
  await page.goto(`/casos/${filed.radicado}`);
  await expect(watcher.getByTestId('case-presence')).toContainText(
    'También tiene este caso abierto: Ana Ruiz.',
    { timeout: 8_000 },
  );
  await expect(page.getByTestId('case-presence')).toContainText('Sara Díaz');
  const form = await openAction(page, 'Responder al peticionario (mensaje)');
  await form.getByLabel('Texto').fill('Gracias, ya revisamos la factura.');
  await expect(watcher.getByText('Ana Ruiz está respondiendo.')).toBeVisible({ timeout: 8_000 });
  await snap(watcher, 'caso-presencia-es-1366');
  await watcher.setViewportSize({ width: 360, height: 800 });
  await snap(watcher, 'caso-presencia-es-360');
  await watcher.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(watcher.getByTestId('case-presence')).toContainText(
    'Also viewing this case: Ana Ruiz.',
  );
  await snap(watcher, 'caso-presencia-en-360');
  await watcher.setViewportSize({ width: 1366, height: 900 });
  await snap(watcher, 'caso-presencia-en-1366');
  // Leaving the page ends her presence there.
  await page.goto('/casos');
  await expect(watcher.getByTestId('case-presence')).not.toContainText('Ana Ruiz', {
    timeout: 8_000,
  });
  await other.close();
});
