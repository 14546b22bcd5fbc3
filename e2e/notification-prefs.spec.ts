import { randomInt } from 'node:crypto';
import { queryDb } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  runVerb,
  signInAs,
  snap,
  test,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.46.${randomInt(256)}.${randomInt(1, 255)}` },
});

function fileCase(n: number) {
  return runVerb<{ id: number; radicado: string }>('file-case', {
    input: {
      typeCode: 'R',
      channel: 'phone',
      subject: `Lectura del medidor errada (${n})`,
      description: 'La lectura del medidor no corresponde al consumo real del mes.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `6${randomInt(10_000_000, 99_999_999)}`,
        fullName: 'Ramiro Quintero',
        email: 'ramiro@example.co',
      },
    },
  });
}

test('a supervisor reassigns cases and sets their priority in bulk; each case shows its outcome (issue 14 §6)', async ({
  page,
}) => {
  const ana = createStaff({ name: 'Ana Ruiz', teamName: 'Cobranzas' });
  const beto = createStaff({ name: 'Beto Lara', teamId: ana.teamId });
  const sara = createStaff({ name: 'Sara Díaz', role: 'supervisor' });
  const asSara = { role: 'supervisor', id: sara.id, teamId: null };
  const filed = [1, 2, 3, 4].map(fileCase);
  for (const c of filed) {
    runVerb('apply-action', {
      caseId: c.id,
      input: { action: 'assign', assigneeId: ana.id },
      actor: asSara,
    });
  }
  const open = filed.slice(0, 3);
  const withdrawn = filed[3]!;
  // The petitioner of the fourth withdrew it: it can no longer be assigned.
  runVerb('apply-action', {
    caseId: withdrawn.id,
    input: { action: 'withdraw', reason: 'Ya me solucionaron por otro medio.' },
    actor: { role: 'customer', id: null, caseId: withdrawn.id },
  });
  const checkbox = (radicado: string) =>
    page.getByRole('checkbox', { name: `Seleccionar ${radicado}` });
  const row = (radicado: string) =>
    page.getByRole('row').filter({ has: page.getByRole('link', { name: radicado }) });

  await page.setViewportSize({ width: 1366, height: 900 });
  await signInAs(page, sara);
  await page.goto(`/casos?queue=all&teamId=${ana.teamId}`);
  await expect(
    page.getByRole('status').filter({ hasText: 'Ningún caso seleccionado.' }),
  ).toBeVisible();
  await page.getByRole('checkbox', { name: 'Seleccionar los 4 casos de esta página' }).check();
  await expect(page.getByText('4 casos seleccionados.')).toBeVisible();

  // Reassign all four to Beto: the withdrawn one is refused alone and stays selected.
  const form = page.getByRole('form', { name: 'Trabajo en lote' });
  await form.getByLabel('Acción para los casos seleccionados').selectOption({
    label: 'Asignar o reasignar a una persona',
  });
  await form.getByLabel('Asignar a').selectOption({ label: 'Beto Lara' });
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Aplicar a los 4 casos' }).click();
  const result = page.getByTestId('bulk-result');
  await expect(result).toContainText(
    '3 casos cambiados; 1 no se pudo cambiar y sigue seleccionado.',
  );
  for (const c of open) {
    await expect(result.getByRole('listitem').filter({ hasText: c.radicado })).toContainText(
      'Hecho',
    );
    await expect(row(c.radicado)).toContainText('Beto Lara');
  }
  await expect(result.getByRole('listitem').filter({ hasText: withdrawn.radicado })).toContainText(
    'Esta acción no está permitida en el estado actual del caso.',
  );
  await expect(page.getByText('1 caso seleccionado.')).toBeVisible();
  await expect(checkbox(withdrawn.radicado)).toBeChecked();
  await expect(row(withdrawn.radicado)).toContainText('Ana Ruiz');

  // Priority for the three open ones, chosen by keyboard; the reason is asked for first.
  await checkbox(withdrawn.radicado).uncheck();
  for (const c of open) {
    await checkbox(c.radicado).focus();
    await page.keyboard.press('Space');
  }
  await expect(page.getByText('3 casos seleccionados.')).toBeVisible();
  await form.getByLabel('Acción para los casos seleccionados').selectOption({
    label: 'Cambiar la prioridad',
  });
  await form.getByLabel('Prioridad').selectOption({ label: 'Preferente (art. 20)' });
  await expectAccessible(page);
  await snap(page, 'bandeja-lote-es-1366');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'bandeja-lote-es-360');
  await page.setViewportSize({ width: 1366, height: 900 });
  await form.getByRole('button', { name: 'Aplicar a los 3 casos' }).click();
  await expect(form.getByText('Este campo es obligatorio.')).toBeVisible();
  await expect(form.getByLabel('Motivo del cambio')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Motivo del cambio').fill('Peticionario adulto mayor (art. 20).');
  await form.getByRole('button', { name: 'Aplicar a los 3 casos' }).click();
  await expect(result).toContainText('3 casos cambiados.');
  for (const c of open) await expect(row(c.radicado)).toContainText('Preferente');
  await expect(row(withdrawn.radicado)).not.toContainText('Preferente');
  await expect(page.getByText('Ningún caso seleccionado.')).toBeVisible();
  await snap(page, 'bandeja-lote-resultado-es-1366');
  // Each case went through the single-case use cases once: one assignment to Beto, one reclassify.
  const changed = queryDb<{ action: string; n: number }>(
    `select action, count(*) n from case_events
     where case_id in (${open.map((c) => c.id).join(',')}) and actor_id = ?
       and (action = 'reclassify' or json_extract(data, '$.assigneeId') = ?)
     group by action order by action`,
    sara.id,
    beto.id,
  );
  expect(changed).toEqual([
    { action: 'assign', n: 3 },
    { action: 'reclassify', n: 3 },
  ]);

  // In English, at both widths.
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await page.getByRole('checkbox', { name: 'Select the 4 cases on this page' }).check();
  await expect(page.getByText('4 cases selected.')).toBeVisible();
  await page
    .getByRole('form', { name: 'Bulk work' })
    .getByLabel('Action for the selected cases')
    .selectOption({ label: 'Add an internal note' });
  await snap(page, 'bandeja-lote-en-1366');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'bandeja-lote-en-360');
  await page.setViewportSize({ width: 1366, height: 900 });

  // Beto, an agent, gets what his role may do: no assigning, but a note on all his cases.
  await signInAs(page, beto);
  await page.goto('/casos?queue=mine');
  await page.getByRole('checkbox', { name: 'Select the 3 cases on this page' }).check();
  const action = page
    .getByRole('form', { name: 'Bulk work' })
    .getByLabel('Action for the selected cases');
  await expect(action.getByRole('option', { name: 'Assign or reassign to someone' })).toHaveCount(
    0,
  );
  await action.selectOption({ label: 'Add an internal note' });
  await page
    .getByLabel('Internal note (only staff see it)')
    .fill('Llamar al peticionario el lunes.');
  await page.getByRole('button', { name: 'Apply to the 3 cases' }).click();
  await expect(result).toContainText('3 cases changed.');
  const notes = queryDb(
    `select id from case_events where action = 'note' and actor_id = ? and body = ?`,
    beto.id,
    'Llamar al peticionario el lunes.',
  );
  expect(notes).toHaveLength(3);
});
