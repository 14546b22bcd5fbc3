import { queryDb } from './support/db';
import { createStaff, expect, expectAccessible, signInAs, snap, test } from './support/fixtures';

test('a supervisor marks an agent of their team away from the queue page, and back (issue 14 §2)', async ({
  page,
}) => {
  const supervisor = createStaff({ role: 'supervisor', name: 'Sonia Vélez', teamName: 'Cartera' });
  const agent = createStaff({ name: 'Andrés Mora', teamId: supervisor.teamId });
  const outsider = createStaff({ name: 'Otro Equipo', teamName: 'Otro' });

  await signInAs(page, supervisor);
  await page.goto('/casos');
  const card = page.getByTestId('team-availability');
  await expect(card).toContainText('Andrés Mora');
  await expect(card).not.toContainText(outsider.name);
  await card.getByRole('button', { name: 'Marcar ausente a Andrés Mora' }).click();
  await expect(card.getByRole('button', { name: 'Marcar disponible a Andrés Mora' })).toBeVisible();
  await expect(card).toContainText('ausente desde');
  const [row] = queryDb<{ is_available: number; away_since: number | null }>(
    'select is_available, away_since from staff_users where id = ?',
    agent.id,
  );
  expect(row?.is_available).toBe(0);
  expect(row?.away_since).not.toBeNull();
  await expectAccessible(page);
  await snap(page, 'team-availability-1366-es');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'team-availability-360-es');
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(page.getByRole('heading', { name: "Your team's availability" })).toBeVisible();
  await snap(page, 'team-availability-360-en');
  await page.setViewportSize({ width: 1366, height: 900 });
  await snap(page, 'team-availability-1366-en');
  await page.getByRole('button', { name: 'Switch language to Español' }).click();

  await card.getByRole('button', { name: 'Marcar disponible a Andrés Mora' }).click();
  await expect(card.getByRole('button', { name: 'Marcar ausente a Andrés Mora' })).toBeVisible();
  expect(
    queryDb('select is_available, away_since from staff_users where id = ?', agent.id),
  ).toEqual([{ is_available: 1, away_since: null }]);
});
