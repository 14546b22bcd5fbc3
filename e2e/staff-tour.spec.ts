/**
 * Every staff page, as an admin, in Spanish and English (issues 15 §4 and 17): its texts — never
 * a raw key (`staffCase.fields.body`) nor a stored code (`en_tramite`, `R`) —, axe clean, and
 * photographed at 1366 and 360 px for people to look at. The CSVs people open in a spreadsheet
 * carry labels too.
 */
import { randomInt } from 'node:crypto';
import { caseByRadicado, queryDb } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  runVerb,
  signInAs,
  snapBoth,
  test,
  showIn,
} from './support/fixtures';
import { tour } from './support/page-tour';
import { rawCodesInCsv } from './support/raw-codes';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.9.${randomInt(256)}.${randomInt(1, 255)}` },
});

interface TourData {
  processId: number;
  problemId: number;
  groupId: number;
  answered: { id: number; radicado: string };
}

test('every staff page shows its texts, passes axe and fits both widths, in both languages', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const admin = createStaff({ role: 'admin', teamName: 'Recorrido' });
  const agent = createStaff({ teamName: 'Recorrido agentes' });
  const data = runVerb<TourData>('tour-dataset', {
    supervisor: { id: admin.id, teamId: admin.teamId },
    agent: { id: agent.id, teamId: agent.teamId },
  });
  const { radicado } = data.answered;
  const { customer_id: customerId } = caseByRadicado(radicado);
  const [interaction] = queryDb<{ id: number }>(
    "select id from interactions where case_id = ? and direction = 'outbound' limit 1",
    data.answered.id,
  );
  const [mail] = queryDb<{ id: number }>(
    'select id from outbox where case_id = ? order by id limit 1',
    data.answered.id,
  );
  await signInAs(page, admin);

  await tour(page, 'staff', [
    { url: '/casos', name: 'casos' },
    { url: '/casos/buscar?q=valorizacion', name: 'buscar' },
    { url: '/casos/radicar', name: 'radicar' },
    { url: `/casos/${radicado}`, name: 'caso' },
    { url: `/casos/${radicado}/constancia`, name: 'caso-constancia' },
    { url: '/casos/analogas', name: 'analogas' },
    { url: `/casos/analogas/${data.groupId}`, name: 'analogas-grupo' },
    { url: `/peticionarios/${customerId}`, name: 'peticionario' },
    { url: '/tablero', name: 'tablero' },
    { url: '/calidad', name: 'calidad' },
    { url: '/calidad/casos?quadrant=late_well', name: 'calidad-casos' },
    { url: '/calidad/revision', name: 'calidad-revision' },
    { url: `/calidad/revision/${interaction!.id}`, name: 'calidad-revision-una' },
    { url: '/causas', name: 'causas' },
    { url: `/causas/${data.processId}`, name: 'causas-proceso' },
    { url: `/causas/casos?processId=${data.processId}`, name: 'causas-casos' },
    { url: '/causas/problemas', name: 'problemas' },
    { url: '/causas/problemas/nuevo', name: 'problemas-nuevo' },
    { url: `/causas/problemas/${data.problemId}`, name: 'problema' },
    { url: '/informes', name: 'informes' },
    { url: '/avisos', name: 'avisos' },
    { url: '/avisos/preferencias', name: 'avisos-preferencias' },
    { url: '/correo', name: 'correo' },
    { url: `/correo/${mail!.id}`, name: 'correo-uno' },
    { url: '/correo/cuarentena', name: 'correo-cuarentena' },
    { url: '/admin', name: 'admin' },
    { url: '/admin/personas', name: 'admin-personas' },
    { url: `/admin/personas/${agent.id}`, name: 'admin-persona' },
    { url: '/admin/organizacion', name: 'admin-organizacion' },
    { url: '/admin/enrutamiento', name: 'admin-enrutamiento' },
    { url: '/admin/catalogos', name: 'admin-catalogos' },
    { url: '/admin/canales', name: 'admin-canales' },
    { url: '/admin/buzones', name: 'admin-buzones' },
    { url: '/admin/plantillas', name: 'admin-plantillas' },
    { url: '/admin/tipos', name: 'admin-tipos' },
    { url: '/admin/calendario', name: 'admin-calendario' },
    { url: '/admin/auditoria', name: 'admin-auditoria' },
    { url: '/admin/datos-personales', name: 'admin-datos-personales' },
    { url: '/casos/PQRS-2026-999999', name: 'no-encontrado', status: 404 },
  ]);

  // The CSVs people open in a spreadsheet: labels there too.
  for (const url of [
    '/api/casos/export?queue=all',
    '/api/admin/auditoria',
    '/api/informes/pqrs.csv',
    '/api/causas/casos.csv',
    '/api/calidad/casos.csv?quadrant=late_well',
  ]) {
    const response = await page.request.get(url);
    expect([url, response.status()]).toEqual([url, 200]);
    expect([url, rawCodesInCsv(await response.text())]).toEqual([url, []]);
  }
});

test('the admin navigation fits one line at 1366 px; its Análisis group opens, closes and leads on', async ({
  page,
}) => {
  const admin = createStaff({ role: 'admin' });
  await signInAs(page, admin);
  await page.setViewportSize({ width: 1366, height: 900 });
  for (const locale of ['en', 'es'] as const) {
    await showIn(page, locale);
    await page.goto('/tablero');
    const tops = await page
      .locator('.topnav > *')
      .evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
    expect(tops.length, locale).toBe(5);
    expect(new Set(tops).size, `${locale}: ${tops}`).toBe(1);
  }

  const nav = page.getByRole('navigation', { name: 'Navegación principal' });
  const group = nav.getByRole('button', { name: 'Análisis' });
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Causa raíz' })).toBeHidden();
  await group.click();
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page);
  await snapBoth(page, 'tour/staff-nav-abierta-es');
  // Escape closes it and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(nav.getByRole('link', { name: 'Causa raíz' })).toBeHidden();
  await expect(group).toBeFocused();
  // A click elsewhere closes it too.
  await group.click();
  await page.locator('main h1').click();
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  // Its links lead on, and the group is marked while one of its pages is open.
  await group.click();
  await nav.getByRole('link', { name: 'Causa raíz' }).click();
  await expect(page).toHaveURL(/\/causas$/);
  await expect(group).toHaveClass(/is-current/);
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await group.click();
  await expect(nav.getByRole('link', { name: 'Causa raíz' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});
