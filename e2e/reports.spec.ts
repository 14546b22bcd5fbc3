import fs from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { parseCsv } from '@/lib/server/testing/parse-csv';
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

/** The report's hand-built March 2026 (the integration test's dataset); once per e2e database. */
function seedReportMonth(): Record<string, string> {
  return runVerb<{ radicados: Record<string, string> }>('seed-report-dataset').radicados;
}

async function downloaded(
  page: Page,
  click: () => Promise<void>,
): Promise<{ d: Download; rows: string[][] }> {
  const pending = page.waitForEvent('download');
  await click();
  const d = await pending;
  const file = await d.path();
  return { d, rows: parseCsv(fs.readFileSync(file, 'utf8')) };
}

const table = (page: Page, name: string) => page.getByRole('table', { name, exact: true });
const cellOf = (page: Page, tableName: string, row: string, column: number) =>
  table(page, tableName)
    .getByRole('row', { name: new RegExp(`^${row}\\b`) })
    .getByRole('cell')
    .nth(column);

test('a supervisor reads the March report, filters it, downloads it as CSV and prints it', async ({
  page,
}) => {
  test.slow(); // seeds a month of cases through the real use cases, then reads the report twice
  const radicados = seedReportMonth();
  const supervisor = createStaff({ name: 'Marta Supervisora', role: 'supervisor' });
  await signInAs(page, supervisor);

  await page.goto('/informes?from=2026-03-01&to=2026-03-31');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Informe periódico de PQRS' }),
  ).toBeVisible();
  await expect(page.getByText('Periodo: 1 de marzo de 2026 a 31 de marzo de 2026')).toBeVisible();
  const kpis = page.getByRole('list', { name: 'Cifras clave del periodo' });
  await expect(kpis.getByRole('listitem').filter({ hasText: 'Recibidos' })).toContainText('13');
  await expect(kpis.getByRole('listitem').filter({ hasText: 'Respondidos tarde' })).toContainText(
    '1',
  );
  await expect(kpis.getByRole('listitem').filter({ hasText: 'Tiempo promedio' })).toContainText(
    '9,4 días hábiles',
  );
  // Reclamo row of the matrix: web 4, email 1, phone 1 (columns after the type), total 6.
  const received = 'Recibidos por tipo y canal';
  await expect(cellOf(page, received, 'Reclamo', 0)).toHaveText('4');
  await expect(cellOf(page, received, 'Reclamo', 6)).toHaveText('6');
  await expect(cellOf(page, received, 'Total', 6)).toHaveText('13');
  // Columns: received, on time, late, awaiting delivery, no term, unanswered, share on time.
  await expect(cellOf(page, 'Respondidos a tiempo y tarde', 'Reclamo', 6)).toHaveText('66,7 %');
  await expect(cellOf(page, 'Tiempo promedio de respuesta', 'Reclamo', 1)).toHaveText('12,3');
  await expect(
    table(page, 'Acciones correctivas').getByRole('row', { name: /Cobro doble en facturación/ }),
  ).toContainText('Validar lecturas antes de facturar');
  await expect(page.getByRole('img', { name: /^Recibidos por tipo y canal\./ })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'informes-1280');

  // The CSV holds the same figures.
  const { d, rows } = await downloaded(page, () =>
    page.getByRole('link', { name: 'Descargar informe (CSV)' }).click(),
  );
  expect(d.suggestedFilename()).toBe('informe-pqrs-2026-03-01-2026-03-31.csv');
  expect(rows[0]).toEqual(['Sección', 'Dimensión', 'Medida', 'Valor']);
  expect(rows).toContainEqual(['Recibidos por tipo y canal', 'Total', 'Total', '13']);
  expect(rows).toContainEqual(['Respondidos a tiempo y tarde', 'Reclamo', 'Tarde', '1']);
  // And the period's cases, one per row (per-case time to answer).
  const cases = await downloaded(page, () =>
    page.getByRole('link', { name: 'Descargar casos del periodo (CSV)' }).click(),
  );
  const byRadicado = new Map(cases.rows.slice(1).map((r) => [r[0], r]));
  expect(byRadicado.size).toBe(13);
  expect(byRadicado.get(radicados.R2!)?.slice(8, 10)).toEqual(['no', '16']);
  expect(byRadicado.has(radicados.after!)).toBe(false);

  // Filter to the other team: a walk-in Queja and a web Reclamo.
  await page.getByLabel('Equipo').selectOption({ label: 'Entregas' });
  await page.getByRole('button', { name: 'Aplicar' }).click();
  await expect(page).toHaveURL(/teamId=\d+/);
  await expect(page.getByText('Filtros: Equipo: Entregas')).toBeVisible();
  await expect(cellOf(page, received, 'Total', 2)).toHaveText('2');

  // Printing leaves only the report: no navigation, filters or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Navegación principal' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Periodos rápidos' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimir' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Aplicar' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Periodo: 1 de marzo de 2026 a 31 de marzo de 2026')).toBeVisible();
  await snap(page, 'informes-print');
  await page.emulateMedia({ media: 'screen' });

  // A quick choice sets a whole previous month.
  await page.getByRole('link', { name: 'Mes anterior' }).click();
  await expect(page.getByRole('link', { name: 'Mes anterior' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}/);

  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/informes?from=2026-03-01&to=2026-03-31');
  await expect(cellOf(page, received, 'Total', 6)).toHaveText('13');
  await expectAccessible(page);
  await snap(page, 'informes-360');
});

test('agents get 403 on the report and its CSV; signed-out callers get 401', async ({ page }) => {
  const agent = createStaff({ name: 'Pedro Agente', teamName: 'Atención' });
  const anonymous = await page.request.get('/api/informes/pqrs.csv');
  expect(anonymous.status()).toBe(401);
  expect((await page.request.get('/api/casos/export')).status()).toBe(401);

  await signInAs(page, agent);
  const response = await page.goto('/informes');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('link', { name: 'Informes' })).toHaveCount(0);
  const csv = await page.request.get('/api/informes/pqrs.csv?from=2026-03-01&to=2026-03-31');
  expect(csv.status()).toBe(403);
});

test('an agent downloads every page of a filtered queue, and only their own scope', async ({
  page,
}) => {
  test.slow(); // three verb processes file and take the queue's cases
  const agent: StaffFixture = createStaff({ name: 'Sara Agente', teamName: 'Cartera' });
  const other = createStaff({ name: 'Otro Agente', teamName: 'Bodega' });
  const subjects = Array.from({ length: 12 }, (_, i) => `Reclamo de cartera ${i + 1}`);
  subjects[0] = '=1+1 cobro en fórmula';
  const reclamos = runVerb<string[]>('file-taken-cases', {
    agent,
    subjects,
    documentPrefix: `71${agent.id}`,
  });
  const quejas = runVerb<string[]>('file-taken-cases', {
    agent,
    typeCode: 'Q',
    subjects: ['Queja de cartera'],
    documentPrefix: `72${agent.id}`,
  });
  const theirs = runVerb<string[]>('file-taken-cases', {
    agent: other,
    subjects: ['Reclamo de bodega'],
    documentPrefix: `73${other.id}`,
  });

  await signInAs(page, agent);
  await page.goto('/casos?queue=mine&type=R&pageSize=10');
  await expect(page.getByText('Página 1 de 2 · 12 casos')).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'casos-exportar-1280');
  const { rows } = await downloaded(page, () =>
    page.getByRole('link', { name: 'Descargar CSV' }).click(),
  );
  const [header, ...body] = rows;
  expect(header?.[0]).toBe('Radicado');
  expect(body.map((r) => r[0]).sort()).toEqual([...reclamos].sort());
  expect(body.map((r) => r[0])).not.toContain(quejas[0]);
  expect(body.map((r) => r[0])).not.toContain(theirs[0]);
  expect(body.map((r) => r[4])).toContain("'=1+1 cobro en fórmula");

  // Asking for everything still gives only what the agent's queues show.
  const all = await page.request.get('/api/casos/export?queue=all');
  const everything = parseCsv(await all.text())
    .slice(1)
    .map((r) => r[0]);
  expect(everything).not.toContain(theirs[0]);
  expect(everything).toEqual(expect.arrayContaining([...reclamos, ...quejas]));

  await page.setViewportSize({ width: 360, height: 780 });
  await page.reload();
  await expect(page.getByRole('link', { name: 'Descargar CSV' })).toBeVisible();
  await snap(page, 'casos-exportar-360');
});

test('an admin publishes the transparency page; anyone reads last semester’s figures there', async ({
  page,
}) => {
  test.slow(); // may seed the report's month through the real use cases
  // The report's March 2026 lies in the last closed semester (January–June 2026).
  const semester = {
    from: Date.parse('2026-01-01T05:00:00Z'),
    to: Date.parse('2026-07-01T05:00:00Z'),
  };
  const inSemester = 'received_at >= ? and received_at < ?';
  const countOf = (where = '1 = 1') =>
    queryDb<{ n: number }>(
      `select count(*) as n from cases where ${inSemester} and ${where}`,
      semester.from,
      semester.to,
    )[0]!.n;
  if (countOf() === 0) seedReportMonth();

  // Not published: the page does not exist and the portal does not link to it.
  expect((await page.request.get('/transparencia')).status()).toBe(404);
  const admin = createStaff({ role: 'admin' });
  await signInAs(page, admin);
  await page.goto('/admin/organizacion');
  await page.getByLabel('Publicar la página de transparencia de PQRS').check();
  await page.getByRole('button', { name: 'Guardar perfil' }).click();
  await expect(page.getByText('Perfil guardado.')).toBeVisible();
  await page.context().clearCookies();

  await page.goto('/');
  await page.getByRole('link', { name: 'Transparencia: cifras de PQRS' }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Informe de peticiones, quejas, reclamos y sugerencias',
    }),
  ).toBeVisible();
  await expect(page.getByTestId('transparency-period')).toHaveText(
    'Primer semestre de 2026: del 1 de enero de 2026 al 30 de junio de 2026',
  );
  const kpis = page.getByRole('list', { name: 'Cifras del semestre' });
  const kpi = (label: string) =>
    kpis.getByRole('listitem').filter({ has: page.getByText(label, { exact: true }) });
  await expect(kpi('Recibidas').locator('.kpi-value')).toHaveText(String(countOf()));
  await expect(kpi('Respondidas tarde').locator('.kpi-value')).toHaveText(
    String(countOf('answered_on_time = 0')),
  );
  await expect(kpi('Trasladadas por competencia').locator('.kpi-value')).toHaveText(
    String(countOf("state = 'trasladada'")),
  );
  const reclamos = page
    .getByTestId('transparency-by-type')
    .getByRole('row', { name: /^Reclamo/ })
    .getByRole('cell');
  await expect(reclamos.first()).toHaveText(String(countOf("type_code = 'R'")));
  await expect(page.getByTestId('transparency-by-channel')).toBeVisible();
  // No person, no text of a case: only counts and labels.
  const names = queryDb<{ full_name: string }>(
    `select distinct cu.full_name from cases c join customers cu on cu.id = c.customer_id
     where ${inSemester.replaceAll('received_at', 'c.received_at')} and cu.full_name is not null`,
    semester.from,
    semester.to,
  );
  const text = await page.locator('main').innerText();
  for (const { full_name } of names) expect(text).not.toContain(full_name);
  await expectAccessible(page);
  await snap(page, 'transparencia');
});
