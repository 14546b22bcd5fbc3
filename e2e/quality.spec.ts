import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { queryDb } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  runVerb,
  signInAs,
  snap,
  test,
  type StaffFixture,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.7.${randomInt(256)}.${randomInt(1, 255)}` },
});

const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

function lateWellCase(agent: StaffFixture) {
  return runVerb<{ id: number; radicado: string }>('quality-late-well-case', {
    agent: { id: agent.id, teamId: agent.teamId },
    documentNumber: `71${agent.id}0001`,
  });
}

/** The key figure tile whose label is `label`. */
const kpi = (page: Page, label: string) =>
  page.getByRole('listitem').filter({ has: page.getByText(label, { exact: true }) });

test('a supervisor sets result against process, drills into "late but well treated" and reviews the answer', async ({
  page,
}) => {
  test.setTimeout(120_000); // a long journey with five accessibility scans
  const agent = createStaff({ name: 'Camilo Rojas', teamName: 'Calidad' });
  const supervisor = createStaff({
    name: 'Patricia Mora',
    role: 'supervisor',
    teamId: agent.teamId,
  });
  const late = lateWellCase(agent);
  await signInAs(page, supervisor);
  await page.setViewportSize(DESKTOP);

  // Result and process are separate sections, each with its own figures.
  // Scoped to this test's team: other specs share the database.
  await page.goto(`/calidad?teamId=${agent.teamId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Resultado y atención' })).toBeVisible();
  const result = page.getByRole('region', { name: 'Resultado', exact: true });
  const process = page.getByRole('region', { name: 'Atención', exact: true });
  await expect(result).toBeVisible();
  await expect(process).toBeVisible();
  await expect(
    result.getByText('Términos legales cumplidos', { exact: true }).first(),
  ).toBeVisible();
  await expect(result.getByText('Cortesía (ciudadanos)')).toHaveCount(0);
  await expect(process.getByText('Cortesía (ciudadanos)', { exact: true }).first()).toBeVisible();
  await expect(process.getByText('Términos legales cumplidos')).toHaveCount(0);
  await expect(kpi(page, 'Términos legales cumplidos').locator('.kpi-value')).toHaveText(/^0\s?%$/);
  await expect(kpi(page, 'Revisión de supervisores')).toContainText('Sin revisiones');
  await expect(page.getByRole('region', { name: 'Esfuerzo', exact: true })).toContainText(
    'Tiempo por tipo frente a la meta',
  );
  await expectAccessible(page);
  await snap(page, 'calidad-escritorio');

  // The quadrant: one case late but well treated; its cell opens the cases behind it.
  const quadrant = page.getByRole('region', { name: 'Cuadrante: oportunidad y trato' });
  await quadrant.getByRole('link', { name: '1 caso: Tarde pero bien atendidos' }).click();
  await expect(page).toHaveURL(/\/calidad\/casos\?.*quadrant=late_well/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tarde pero bien atendidos' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: late.radicado })).toBeVisible();
  await expect(page.getByText('1 caso', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'calidad-cuadrante-escritorio');

  // Its CSV: the header in Spanish and this case, answered late.
  const csvHref = await page.getByRole('link', { name: 'Descargar CSV' }).getAttribute('href');
  expect(csvHref).toMatch(/^\/api\/calidad\/casos\.csv\?.*quadrant=late_well/);
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).replace('\uFEFF', '').trim().split('\r\n');
  expect(lines[0]).toMatch(/^Radicado,Tipo,Canal,Estado,Asunto,Radicado el,/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(late.radicado);
  expect(lines[1]).toContain(',no,'); // not answered on time
  expect(lines[1]).toContain('Camilo Rojas');

  // The case page lists what was sent, with the time spent, and offers the review.
  await page.goto(`/casos/${late.radicado}`);
  const panel = page.getByRole('region', { name: 'Atención registrada' });
  await expect(panel).toContainText('30 min dedicados');
  await expect(panel.getByRole('link', { name: /^Evaluar atención/ })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'calidad-caso-panel');

  // The review queue, filtered by agent, leads to the rubric.
  await page.goto('/calidad/revision');
  await page.getByLabel('Agente').selectOption(String(agent.id));
  await page.getByRole('button', { name: 'Aplicar' }).click();
  await expect(page).toHaveURL(new RegExp(`agentId=${agent.id}`));
  await expectAccessible(page);
  await snap(page, 'calidad-revision-cola');
  await page
    .getByRole('link', { name: `Evaluar atención: ${late.radicado}, de Camilo Rojas` })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Evaluar atención' })).toBeVisible();
  await expect(page.getByText('Retiramos el cobro del servicio de televisión')).toBeVisible();

  // Nothing chosen: each criterion says so, in Spanish.
  await page.getByRole('button', { name: 'Guardar evaluación' }).click();
  const greeting = page.getByRole('group', { name: 'Saludo' });
  await expect(greeting.getByText('Elija una calificación de 1 a 5.')).toBeVisible();
  await expect(page.getByText('Elija una calificación de 1 a 5.')).toHaveCount(5);
  await expectAccessible(page);
  await snap(page, 'calidad-revision-errores');

  for (const criterion of ['Saludo', 'Claridad', 'Empatía', 'Exactitud', 'Trato personal']) {
    await page.getByRole('group', { name: criterion }).getByRole('radio', { name: '5' }).check();
  }
  await page.getByRole('group', { name: 'Empatía' }).getByRole('radio', { name: '4' }).check();
  await page.getByLabel('Comentario (opcional)').fill('Cálida y precisa; respondió tarde.');
  await page.getByRole('button', { name: 'Guardar evaluación' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Evaluación guardada' })).toBeVisible();
  await expect(page.getByText('Usted ya evaluó esta interacción.')).toBeVisible();
  await expect(page.getByText('Empatía: 4')).toBeVisible();
  expect(
    queryDb(
      `select greeting, clarity, empathy, accuracy, personal_touch, agent_id, reviewer_id, comment
       from quality_ratings where source = 'supervisor'`,
    ),
  ).toEqual([
    {
      greeting: 5,
      clarity: 5,
      empathy: 4,
      accuracy: 5,
      personal_touch: 5,
      agent_id: agent.id,
      reviewer_id: supervisor.id,
      comment: 'Cálida y precisa; respondió tarde.',
    },
  ]);

  // It counts in the process figures.
  // Scoped to this test's team: other specs share the database.
  await page.goto(`/calidad?teamId=${agent.teamId}`);
  await expect(kpi(page, 'Revisión de supervisores')).toContainText('4,8');
  await expect(kpi(page, 'Revisión de supervisores')).toContainText('1 revisión');

  // The phone width.
  await page.setViewportSize(PHONE);
  await page.reload();
  await expectAccessible(page);
  await snap(page, 'calidad-telefono');
  await page.goto(`/calidad/casos?quadrant=late_well&teamId=${agent.teamId}`);
  await expect(page.getByRole('link', { name: late.radicado })).toBeVisible();
  await snap(page, 'calidad-cuadrante-telefono');
  await page.goto('/calidad/revision');
  await snap(page, 'calidad-revision-cola-telefono');
});

test('the handle-time field starts from the time the case page has been open', async ({ page }) => {
  const agent = createStaff({ name: 'Sofía Peña', teamName: 'Tiempos' });
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    input: {
      typeCode: 'P',
      channel: 'web',
      subject: 'Copia de contrato',
      description: 'Solicito copia del contrato firmado en marzo.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `72${agent.id}0001`,
        fullName: 'Rosa Díaz',
        email: 'rosa@example.co',
      },
    },
  });
  await page.clock.install();
  await signInAs(page, agent);
  await page.goto(`/casos/${filed.radicado}`);
  await page.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');
  await page.locator('summary', { hasText: 'Responder al peticionario (mensaje)' }).click();
  const form = page.locator('details[open]').filter({ hasText: 'Tiempo dedicado (minutos)' });
  const minutes = form.getByLabel('Tiempo dedicado (minutos)');
  await page.clock.runFor(7 * 60_000);
  await expect(minutes).toHaveValue('7');
  await minutes.fill('12');
  await form
    .getByLabel('Texto')
    .fill('Le enviaremos la copia del contrato por correo esta semana.');
  await form.getByRole('button', { name: 'Responder al peticionario (mensaje)' }).click();
  await expect(page.getByRole('region', { name: 'Atención registrada' })).toContainText(
    '12 min dedicados',
  );
  expect(queryDb('select handle_seconds from interactions where case_id = ?', filed.id)).toEqual([
    { handle_seconds: 720 },
  ]);
});

test('an agent gets 403 on /calidad, its cases, the review and the CSV', async ({ page }) => {
  const agent = createStaff({ name: 'Lina Vega', teamName: 'Sin acceso' });
  await signInAs(page, agent);
  for (const path of ['/calidad', '/calidad/casos?quadrant=late_well', '/calidad/revision']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Acceso no permitido' })).toBeVisible();
  }
  const csv = await page.request.get('/api/calidad/casos.csv?quadrant=late_well');
  expect(csv.status()).toBe(403);
  expect(await csv.text()).not.toContain('Radicado');
  const anonymous = await page.context().browser()!.newContext();
  const signedOut = await anonymous.request.get(
    `${new URL(page.url()).origin}/api/calidad/casos.csv?quadrant=late_well`,
  );
  expect(signedOut.status()).toBe(401);
  await anonymous.close();
});
