import { queryDb } from './support/db';
import { createStaff, expect, expectAccessible, signInAs, snap, test } from './support/fixtures';

/**
 * Issue 14 §3: a person chooses, per kind of alert, how it reaches them by e-mail (at once, in
 * the daily digest, or the bell only), from their own bell page, and finds it so after a reload.
 */
test('a person turns one kind off and sends another to the digest, and it stays so', async ({
  page,
}) => {
  const agent = createStaff({ teamName: 'Facturación', name: 'Ana Ruiz' });
  await signInAs(page, agent);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/avisos');
  await page.getByRole('link', { name: 'Preferencias de correo' }).click();
  await expect(page).toHaveURL(/\/avisos\/preferencias$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Preferencias de correo' }),
  ).toBeVisible();

  const kind = (name: string) => page.getByRole('radiogroup', { name, exact: true });
  const queue = kind('Nuevo en la bandeja de su equipo');
  const assigned = kind('Asignado a usted');
  // The defaults: the team's queue in the digest, my own cases at once.
  await expect(queue.getByRole('radio', { name: 'Resumen diario' })).toBeChecked();
  await expect(assigned.getByRole('radio', { name: 'Al instante' })).toBeChecked();

  await queue.getByRole('radio', { name: 'Solo en la campana' }).check();
  await assigned.getByRole('radio', { name: 'Resumen diario' }).check();
  await page.getByRole('button', { name: 'Guardar preferencias' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Preferencias guardadas.' }),
  ).toBeVisible();

  await page.reload();
  await expect(queue.getByRole('radio', { name: 'Solo en la campana' })).toBeChecked();
  await expect(assigned.getByRole('radio', { name: 'Resumen diario' })).toBeChecked();
  await expect(kind('Por vencer').getByRole('radio', { name: 'Al instante' })).toBeChecked();
  expect(
    queryDb(
      'select kind, mode from notification_preferences where user_id = ? order by kind',
      agent.id,
    ),
  ).toEqual([
    { kind: 'assigned_to_me', mode: 'digest' },
    { kind: 'team_queue', mode: 'off' },
  ]);
  expect(
    queryDb(
      "select actor_id from case_events where action = 'notification_preferences_changed' and actor_id = ?",
      agent.id,
    ),
  ).toHaveLength(1);

  await expectAccessible(page);
  await snap(page, 'preferencias-es-1366');
  await page.setViewportSize({ width: 360, height: 800 });
  await expectAccessible(page);
  await snap(page, 'preferencias-es-360');

  // In English too, with the same choices.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E-mail preferences' })).toBeVisible();
  await expect(
    kind("New in your team's queue").getByRole('radio', { name: 'Bell only' }),
  ).toBeChecked();
  await expectAccessible(page);
  await snap(page, 'preferencias-en-1366');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'preferencias-en-360');
});
