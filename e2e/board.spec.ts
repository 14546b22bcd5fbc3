import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { queryDb } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  formAlert,
  runVerb,
  signInAs,
  snap,
  test,
  type StaffFixture,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.7.${randomInt(256)}.${randomInt(1, 255)}` },
});

const DAY_MS = 86_400_000;
const asActor = (s: StaffFixture) => ({ role: s.role, id: s.id, teamId: s.teamId });

/** A Reclamo filed 40 days ago (15 business days: long overdue) and taken by `agent` then. */
function overdueReclamo(agent: StaffFixture, n: number) {
  const filedAt = Date.now() - 40 * DAY_MS;
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    now: new Date(filedAt).toISOString(),
    input: {
      typeCode: 'R',
      channel: 'phone',
      subject: `Medidor sin revisar ${agent.id}-${n}`,
      description: 'El técnico no vino a revisar el medidor en la fecha acordada.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `71${agent.id}${n}`,
        fullName: 'Marta Salcedo',
        email: 'marta@example.co',
      },
    },
  });
  runVerb('apply-action', {
    caseId: filed.id,
    now: new Date(filedAt + 3_600_000).toISOString(),
    input: { action: 'take' },
    actor: asActor(agent),
  });
  return filed;
}

const openOverdue = () =>
  queryDb<{ n: number }>(
    `select count(*) as n from cases
     where state in ('radicada', 'en_tramite', 'requiere_informacion') and due_at < ?`,
    Date.now(),
  )[0]!.n;

/** The number on a key-figure tile (the tile also holds a note with other numbers). */
const kpi = (page: Page, label: string) =>
  page
    .getByRole('list', { name: 'Cifras clave del tablero' })
    .getByRole('listitem')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.kpi-value');

test('a supervisor sees overdue cases on the board and reassigns them in bulk, in place', async ({
  page,
}) => {
  test.slow(); // ten server verbs, each its own Node process
  const holder = createStaff({ name: 'Camilo Prieto', teamName: 'Servicio Técnico' });
  const receiver = createStaff({ name: 'Sofía Lozano', teamName: 'Mesa de Ayuda' });
  const supervisor = createStaff({ name: 'Beatriz Ortiz', role: 'supervisor' });
  const cases = [1, 2, 3].map((n) => overdueReclamo(holder, n));
  const [first, second, third] = cases as [(typeof cases)[0], (typeof cases)[0], (typeof cases)[0]];
  const overdue = openOverdue();

  await signInAs(page, supervisor);
  await page.goto('/tablero');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Tablero de vencimientos' }),
  ).toBeVisible();
  await expect(kpi(page, 'Vencidos')).toHaveText(String(overdue));
  const agentTable = page.getByRole('table', { name: 'Carga por agente' });
  // Open, due today, at risk, overdue, promises due today, broken promises.
  await expect(agentTable.getByRole('row', { name: /Camilo Prieto/ }).getByRole('cell')).toHaveText(
    ['3', '0', '0', '3', '0', '0'],
  );
  for (const c of cases) {
    const row = page.getByRole('row').filter({ hasText: c.radicado });
    await expect(row).toContainText('Vencido');
    await expect(row).toContainText('Camilo Prieto');
  }
  await expectAccessible(page);
  await snap(page, 'tablero');

  // Everything below happens in this same document: no navigation, no reload.
  await page.evaluate(() => {
    (window as unknown as { boardMarker: string }).boardMarker = 'sin recargar';
  });
  for (const c of cases)
    await page.getByRole('checkbox', { name: `Seleccionar ${c.radicado}` }).check();
  await expect(page.getByText('3 casos marcados')).toBeVisible();
  await page.getByLabel('Reasignar a').selectOption(String(receiver.id));

  // One of them is withdrawn meanwhile, elsewhere: it is reported, the other two still move.
  runVerb('apply-action', {
    caseId: third.id,
    input: { action: 'withdraw', reason: 'El cliente desistió por teléfono.' },
    actor: asActor(holder),
  });
  await page.getByRole('button', { name: 'Reasignar casos marcados' }).click();
  await expect(page.getByRole('status')).toContainText('2 casos reasignados a Sofía Lozano.');
  await expect(formAlert(page)).toContainText('No se pudo reasignar 1 caso:');
  await expect(formAlert(page)).toContainText(
    `${third.radicado}: Esta acción no está permitida en el estado actual del caso.`,
  );
  for (const c of [first, second]) {
    await expect(page.getByRole('row').filter({ hasText: c.radicado })).toContainText(
      'Sofía Lozano',
    );
  }
  // The withdrawn case left the board (it is no longer open); the tables were refetched too.
  await expect(page.getByRole('row').filter({ hasText: third.radicado })).toHaveCount(0);
  await expect(agentTable.getByRole('row', { name: /Sofía Lozano/ }).getByRole('cell')).toHaveText([
    '2',
    '0',
    '0',
    '2',
    '0',
    '0',
  ]);
  await expect(kpi(page, 'Vencidos')).toHaveText(String(overdue - 1));
  expect(
    await page.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker),
  ).toBe('sin recargar');

  const stored = queryDb<{ id: number; assignee_id: number; team_id: number }>(
    `select id, assignee_id, team_id from cases where id in (?, ?, ?) order by id`,
    first.id,
    second.id,
    third.id,
  );
  expect(stored).toEqual([
    { id: first.id, assignee_id: receiver.id, team_id: receiver.teamId },
    { id: second.id, assignee_id: receiver.id, team_id: receiver.teamId },
    { id: third.id, assignee_id: holder.id, team_id: holder.teamId },
  ]);
  const events = queryDb<{ case_id: number; actor_id: number; data: string }>(
    `select case_id, actor_id, data from case_events where action = 'assign' and case_id in (?, ?, ?)
     order by case_id`,
    first.id,
    second.id,
    third.id,
  );
  expect(events.map((e) => [e.case_id, e.actor_id, JSON.parse(e.data).assigneeId])).toEqual([
    [first.id, supervisor.id, receiver.id],
    [second.id, supervisor.id, receiver.id],
  ]);
  await expectAccessible(page);
  await snap(page, 'tablero-reasignado');

  await page.setViewportSize({ width: 360, height: 800 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'tablero-movil');
});

test('the board filters by team and agent, and refreshes itself every 30 seconds', async ({
  page,
}) => {
  test.slow(); // six server verbs, each its own Node process
  const holder = createStaff({ name: 'Rodrigo Peña', teamName: 'Cartera' });
  const supervisor = createStaff({ name: 'Inés Duarte', role: 'admin' });
  const filed = overdueReclamo(holder, 1);
  await page.clock.install();
  await signInAs(page, supervisor);
  await page.goto('/tablero');
  const filters = page.getByRole('form', { name: 'Filtros del tablero' });
  await filters.getByLabel('Equipo').selectOption(String(holder.teamId));
  await filters.getByRole('button', { name: 'Aplicar' }).click();
  await expect(page).toHaveURL(new RegExp(`teamId=${holder.teamId}`));
  await expect(kpi(page, 'Vencidos')).toHaveText('1');
  await expect(page.getByTestId('board-cases-total')).toHaveText('1 caso');
  await expect(page.getByRole('row').filter({ hasText: filed.radicado })).toContainText(
    'Rodrigo Peña',
  );

  // A case filed meanwhile shows up at the next poll, in the same document.
  await page.evaluate(() => {
    (window as unknown as { boardMarker: string }).boardMarker = 'sin recargar';
  });
  const later = overdueReclamo(holder, 2);
  await expect(page.getByRole('row').filter({ hasText: later.radicado })).toHaveCount(0);
  await page.clock.fastForward(31_000);
  await expect(page.getByRole('row').filter({ hasText: later.radicado })).toBeVisible();
  await expect(page.getByTestId('board-cases-total')).toHaveText('2 casos');
  await expect(kpi(page, 'Vencidos')).toHaveText('2');
  expect(
    await page.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker),
  ).toBe('sin recargar');

  const json = await page.request.get(`/api/tablero?agentId=${holder.id}`);
  expect(json.status()).toBe(200);
  expect(await json.json()).toMatchObject({
    totals: { open: 2, overdue: 2, dueToday: 0, atRisk: 0 },
    byAgent: [{ id: holder.id, name: 'Rodrigo Peña', open: 2, overdue: 2 }],
    cases: {
      total: 2,
      rows: [{ radicado: filed.radicado, bucket: 'overdue' }, { bucket: 'overdue' }],
    },
  });
});

test('agents get 403 on the board and its API; bad bodies get 422', async ({
  page,
  browser,
  request,
}) => {
  test.slow(); // three server verbs and two browser contexts
  const agent = createStaff({ name: 'Pablo Ríos', teamName: 'Facturación' });
  await signInAs(page, agent);
  const response = await page.goto('/tablero');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Acceso no permitido' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Tablero' })).toHaveCount(0);
  expect((await page.request.get('/api/tablero')).status()).toBe(403);
  const post = await page.request.post('/api/tablero/reasignar', {
    data: { caseIds: [1], assigneeId: agent.id },
  });
  expect(post.status()).toBe(403);

  expect((await request.get('/api/tablero')).status()).toBe(401);
  expect(
    (
      await request.post('/api/tablero/reasignar', { data: { caseIds: [1], assigneeId: 1 } })
    ).status(),
  ).toBe(401);

  const supervisor = createStaff({ name: 'Gloria Castaño', role: 'supervisor' });
  const context = await browser.newContext();
  const other = await context.newPage();
  await signInAs(other, supervisor);
  const bad = await other.request.post('/api/tablero/reasignar', {
    data: { caseIds: [], assigneeId: 'nadie' },
  });
  expect(bad.status()).toBe(422);
  expect(await bad.json()).toMatchObject({
    code: 'VALIDATION',
    fieldErrors: {
      caseIds: ['Marque al menos un caso.'],
      assigneeId: ['Este campo es obligatorio.'],
    },
  });
  await context.close();
});

test('a documents request left unanswered is accepted by silence, its delivery duty on the board', async ({
  page,
}) => {
  test.slow(); // several server verbs, each its own Node process
  const holder = createStaff({ name: 'Julián Mora', teamName: 'Archivo' });
  const supervisor = createStaff({ name: 'Liliana Rojas', role: 'supervisor' });
  // Filed 30 days ago: its 10 business days are long gone, unanswered.
  const filedAt = Date.now() - 30 * DAY_MS;
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    now: new Date(filedAt).toISOString(),
    input: {
      typeCode: 'PD',
      channel: 'web',
      subject: `Copia del contrato ${holder.id}`,
      description: 'Solicito copia del contrato de condiciones uniformes que firmé en 2019.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `52${holder.id}01`,
        fullName: 'Rosa Camargo',
        email: 'rosa@example.co',
      },
    },
  });
  runVerb('apply-action', {
    caseId: filed.id,
    now: new Date(filedAt + 3_600_000).toISOString(),
    input: { action: 'take' },
    actor: asActor(holder),
  });
  expect(runVerb<{ result: number }>('run-job', { name: 'cases.pd_silence' }).result).toBe(1);
  const [duty] = queryDb<{ due_at: number; status: string }>(
    "select due_at, status from promises where case_id = ? and description = 'pd_delivery'",
    filed.id,
  );
  // Three business days after a due date some 16 days ago: past due, the board counts it broken.
  expect(duty).toMatchObject({ status: 'pending' });

  await signInAs(page, supervisor);
  await page.goto(`/tablero?agentId=${holder.id}`);
  const row = page.getByRole('row').filter({ hasText: filed.radicado });
  await expect(row.getByTestId('board-silence')).toContainText('Aceptada por silencio');
  await expect(row.getByTestId('board-silence')).toContainText('copias a más tardar el');
  await expect(kpi(page, 'Compromisos incumplidos')).toHaveText('1');
  await expectAccessible(page);
  await snap(page, 'tablero-silencio');

  await row.getByRole('link', { name: filed.radicado }).click();
  await expect(page.getByTestId('silence-accepted')).toHaveText('Aceptada por silencio');
  await expect(page.getByText('Entregar las copias (aceptada por silencio)')).toBeVisible();
  await expect(
    page.getByText('Aceptada por silencio: las copias se deben entregar').first(),
  ).toBeVisible();
});
