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

interface FlaggedProcess {
  processId: number;
  rootCauseId: number;
  rated: string[];
  open: string[];
}

test('a supervisor finds a flagged process, opens a problem from it and links its cases', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const agent = createStaff({ name: 'Mateo Lozano', teamName: 'Lecturas' });
  const supervisor = createStaff({ name: 'Gloria Patiño', role: 'supervisor' });
  const name = `Lectura de medidores ${supervisor.id}`;
  // 5 rated complaints, 2 of them "no": 40 % dissatisfied, well above the 10 % flag.
  const flagged = runVerb<FlaggedProcess>('causes-flagged-process', {
    name,
    agent: { id: agent.id, teamId: agent.teamId },
    rated: 5,
    dissatisfied: 2,
    open: 2,
  });
  await signInAs(page, supervisor);

  // Root-cause view: the process is flagged with a word, and its figures are in the table.
  await page.goto('/causas');
  await expect(page.getByRole('heading', { level: 1, name: 'Causa raíz' })).toBeVisible();
  const pareto = page.getByRole('figure', { name: 'Quejas y reclamos por proceso (Pareto)' });
  const row = pareto.getByRole('row').filter({ hasText: name });
  await expect(row.getByTestId('flag')).toHaveText(/Señalado/);
  await expect(row).toContainText('40 %');
  await expect(row).toContainText('2 de 5');
  await expect(page.getByText(/Por encima del 10 % el proceso queda señalado/)).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'causas-1280');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'causas-360');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The cases behind the row, on screen and as CSV.
  await row.getByRole('link', { name: /^7/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Casos: ${name}` })).toBeVisible();
  await expect(page.getByText('7 casos', { exact: true })).toBeVisible();
  await expectAccessible(page);
  const csv = await page.request.get(`/api/causas/casos.csv?processId=${flagged.processId}`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  for (const radicado of [...flagged.rated, ...flagged.open]) expect(text).toContain(radicado);
  await page.goBack();

  // Drill down to the process's root causes, then back to create the problem from its row.
  await row.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Causas raíz: ${name}` })).toBeVisible();
  await expect(
    page
      .getByRole('figure', { name: 'Quejas y reclamos por causa raíz (Pareto)' })
      .getByRole('row')
      .filter({ hasText: 'Lectura estimada' }),
  ).toContainText('7');
  await expectAccessible(page);
  await page.goBack();
  await row.getByRole('link', { name: `Crear problema: ${name}` }).click();

  // The form comes prefilled with the process.
  await expect(page.getByLabel('Título')).toHaveValue(`Quejas por ${name}`);
  await expect(page.getByLabel('Proceso de origen')).toHaveValue(String(flagged.processId));
  await page.getByLabel('Título').fill('');
  await page.getByRole('button', { name: 'Crear problema' }).click();
  await expect(page.getByText('Este campo es obligatorio.')).toBeVisible();
  await page.getByLabel('Título').fill(`Lecturas estimadas sin visita ${supervisor.id}`);
  await page.getByLabel('Causa raíz').selectOption({ label: 'Lectura estimada' });
  await page.getByLabel('Responsable').selectOption({ label: 'Gloria Patiño' });
  await page.getByLabel('Acción correctiva').fill('Programar visita de lectura en cada ruta.');
  await expectAccessible(page);
  await snap(page, 'problema-nuevo');
  await page.getByRole('button', { name: 'Crear problema' }).click();
  await expect(page).toHaveURL(/\/causas\/problemas\/\d+$/);
  const problemUrl = page.url();
  const problemId = Number(problemUrl.split('/').pop());
  await expect(page.getByTestId('problem-status')).toHaveText('Abierto');

  // Link one case by radicado; linking it again changes nothing.
  await page.getByLabel('Vincular un caso por radicado').fill(flagged.rated[0]!.toLowerCase());
  await page.getByRole('button', { name: 'Vincular', exact: true }).click();
  await expect(page.getByText(`Caso ${flagged.rated[0]} vinculado.`)).toBeVisible();
  await expect(page.getByTestId('linked-count')).toHaveText('1 caso vinculado');
  await page.getByLabel('Vincular un caso por radicado').fill('PQRS-2026-999999');
  await page.getByRole('button', { name: 'Vincular', exact: true }).click();
  await expect(page.getByRole('alert').and(page.locator('.alert'))).toHaveText(
    'No encontramos lo que busca.',
  );

  // From the case page of an open complaint.
  const openCase = flagged.open[0]!;
  await page.goto(`/casos/${openCase}`);
  const card = page.getByRole('region', { name: 'Problemas' });
  await expect(card).toContainText('Este caso no está vinculado a ningún problema.');
  await snap(page, 'causas-caso-antes');
  await card.getByLabel('Vincular a un problema').selectOption({
    label: `Lecturas estimadas sin visita ${supervisor.id}`,
  });
  await card.getByRole('button', { name: 'Vincular' }).click();
  await expect(card.getByTestId('case-problems')).toContainText(
    `Lecturas estimadas sin visita ${supervisor.id}`,
  );
  await expectAccessible(page);
  await snap(page, 'causas-caso');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'causas-caso-360');
  await page.setViewportSize({ width: 1280, height: 800 });

  // In progress, then every complaint of the cause in the period.
  await page.goto(problemUrl);
  await page.getByLabel('Estado', { exact: true }).selectOption('in_progress');
  await page.getByRole('button', { name: 'Cambiar estado' }).click();
  await expect(page.getByTestId('problem-status')).toHaveText('En curso');
  await expect(page.getByTestId('linked-count')).toHaveText('2 casos vinculados');
  await page.getByRole('button', { name: 'Vincular todas' }).click();
  await expect(page.getByText('Se vincularon 5 casos.')).toBeVisible();
  await expect(page.getByTestId('linked-count')).toHaveText('7 casos vinculados');
  await expect(page.getByTestId('effect-linked')).toHaveText('7');
  await expectAccessible(page);
  await snap(page, 'problema-1280');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'problema-360');

  // Every link is in the case's own history, in the same write as the link.
  const events = queryDb<{ action: string; n: number }>(
    `SELECT e.action, count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id
     WHERE c.radicado = ? AND e.action LIKE 'problem_%' GROUP BY e.action`,
    flagged.rated[0],
  );
  expect(events).toEqual([{ action: 'problem_linked', n: 1 }]);
  const status = queryDb<{ n: number }>(
    `SELECT count(*) AS n FROM case_events WHERE case_id IS NULL AND action = 'problem_status_changed'
     AND json_extract(data, '$.problemId') = ?`,
    problemId,
  );
  expect(status[0]!.n).toBe(1);

  // The list shows it in progress with its linked cases.
  await page.goto('/causas/problemas?status=in_progress');
  const listed = page
    .getByRole('row')
    .filter({ hasText: `Lecturas estimadas sin visita ${supervisor.id}` });
  await expect(listed).toContainText('En curso');
  await expect(listed).toContainText('7');
  await expectAccessible(page);
});

test('an agent gets 403 on the root-cause view and on problem actions', async ({ page }) => {
  const supervisor = createStaff({ role: 'supervisor' });
  const agent = createStaff({ teamName: 'Facturación' });
  await signInAs(page, supervisor);
  const created = await page.request.post('/api/causas/problemas', {
    data: { title: 'Problema para probar permisos' },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };

  await page.context().clearCookies();
  await signInAs(page, agent);
  for (const path of ['/causas', `/causas/problemas/${id}`, '/causas/casos']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await expect(page.getByRole('heading', { name: 'Acceso no permitido' })).toBeVisible();
  const action = await page.request.post(`/api/causas/problemas/${id}/acciones`, {
    data: { action: 'set_status', status: 'resolved' },
  });
  expect(action.status()).toBe(403);
  expect((await action.json()).code).toBe('FORBIDDEN');
  const create = await page.request.post('/api/causas/problemas', {
    data: { title: 'Problema de un agente' },
  });
  expect(create.status()).toBe(403);
  const csv = await page.request.get('/api/causas/casos.csv');
  expect(csv.status()).toBe(403);
  const [row] = queryDb<{ status: string }>('SELECT status FROM problems WHERE id = ?', id);
  expect(row?.status).toBe('open');
});
