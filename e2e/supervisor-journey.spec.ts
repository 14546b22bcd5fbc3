import fs from 'node:fs';
import { parseCsv } from '@/lib/server/testing/parse-csv';
import { queryDb } from './support/db';
import { createStaff, expect, runVerb, signInAs, test } from './support/fixtures';

const DAY = 86_400_000;
const asActor = (s: { id: number; teamId: number | null }) => ({
  role: 'agent' as const,
  id: s.id,
  teamId: s.teamId,
});
const localDate = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date(ms));

/**
 * The supervisor's round, end to end in one session: the deadline board, the quadrant, the root
 * cause and the period report (each view is tested in depth in its own spec).
 */
test('a supervisor goes from the board to the quadrant, the root cause and the report', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const holder = createStaff({ name: 'Elena Ruiz', teamName: 'Ronda' });
  const receiver = createStaff({ name: 'Jorge Silva', teamName: 'Ronda destino' });
  const supervisor = createStaff({ name: 'Lucía Herrera', role: 'supervisor' });

  // An overdue Reclamo (filed and taken 40 days ago), a case answered late but rated 5/5, and a
  // process whose customers are 40 % dissatisfied.
  const filedAt = new Date(Date.now() - 40 * DAY).toISOString();
  const overdue = runVerb<{ id: number; radicado: string }>('file-case', {
    input: {
      typeCode: 'R',
      channel: 'phone',
      subject: 'Corte del servicio sin aviso',
      description: 'Cortaron el servicio sin aviso previo aunque la factura estaba paga.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `91${holder.id}0001`,
        fullName: 'Iris Patiño',
        email: 'iris@example.co',
      },
    },
    now: filedAt,
  });
  runVerb('apply-action', {
    caseId: overdue.id,
    input: { action: 'take' },
    actor: asActor(holder),
    now: filedAt,
  });
  const late = runVerb<{ radicado: string }>('quality-late-well-case', {
    agent: { id: holder.id, teamId: holder.teamId },
    documentNumber: `92${holder.id}0001`,
  });
  const processName = `Facturación ronda ${supervisor.id}`;
  const flagged = runVerb<{ processId: number; rated: string[] }>('causes-flagged-process', {
    name: processName,
    agent: { id: holder.id, teamId: holder.teamId },
    rated: 5,
    dissatisfied: 2,
    open: 0,
  });
  await signInAs(page, supervisor);

  // 1. The board shows the overdue case; it is reassigned in bulk.
  await page.goto(`/tablero?teamId=${holder.teamId}`);
  const boardRow = page.getByRole('row').filter({ hasText: overdue.radicado });
  await expect(boardRow).toContainText('Vencido');
  await page.getByRole('checkbox', { name: `Seleccionar ${overdue.radicado}` }).check();
  await page.getByLabel('Reasignar a').selectOption(String(receiver.id));
  await page.getByRole('button', { name: 'Reasignar casos marcados' }).click();
  await expect(page.getByRole('status')).toContainText('1 caso reasignado a Jorge Silva.');
  expect(queryDb('select assignee_id from cases where id = ?', overdue.id)).toEqual([
    { assignee_id: receiver.id },
  ]);

  // 2. The quadrant, and the cases "late but well treated".
  await page.goto(`/calidad?teamId=${holder.teamId}`);
  await page
    .getByRole('region', { name: 'Cuadrante: oportunidad y trato' })
    .getByRole('link', { name: '1 caso: Tarde pero bien atendidos' })
    .click();
  await expect(page).toHaveURL(/quadrant=late_well/);
  await expect(page.getByRole('link', { name: late.radicado })).toBeVisible();

  // 3. The root cause: the flagged process becomes a problem with a case linked.
  await page.goto('/causas');
  const causeRow = page
    .getByRole('figure', { name: 'Quejas y reclamos por proceso (Pareto)' })
    .getByRole('row')
    .filter({ hasText: processName });
  await expect(causeRow.getByTestId('flag')).toHaveText(/Señalado/);
  await causeRow.getByRole('link', { name: `Crear problema: ${processName}` }).click();
  await page.getByLabel('Título').fill(`Cobros estimados ${supervisor.id}`);
  await page.getByLabel('Acción correctiva').fill('Validar lecturas antes de facturar.');
  await page.getByRole('button', { name: 'Crear problema' }).click();
  await expect(page).toHaveURL(/\/causas\/problemas\/\d+$/);
  await page.getByLabel('Vincular un caso por radicado').fill(flagged.rated[0]!);
  await page.getByRole('button', { name: 'Vincular', exact: true }).click();
  await expect(page.getByTestId('linked-count')).toHaveText('1 caso vinculado');

  // 4. The period report as CSV.
  const from = localDate(Date.now() - 45 * DAY);
  const to = localDate(Date.now());
  await page.goto(`/informes?from=${from}&to=${to}`);
  const pending = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Descargar informe (CSV)' }).click();
  const download = await pending;
  const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  expect(rows[0]).toEqual(['Sección', 'Dimensión', 'Medida', 'Valor']);
  const received = rows.find(
    (r) => r[0] === 'Recibidos por tipo y canal' && r[1] === 'Total' && r[2] === 'Total',
  );
  expect(Number(received?.[3])).toBeGreaterThanOrEqual(7);
});
