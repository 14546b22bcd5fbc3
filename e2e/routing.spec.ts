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
  extraHTTPHeaders: { 'X-Forwarded-For': `10.44.${randomInt(256)}.${randomInt(1, 255)}` },
});

// Routing applies to every filing after it: leave none behind for the other specs.
test.afterAll(() => {
  runVerb('clear-routing');
});

test('an admin routes web Reclamos to a round-robin team; a portal Reclamo lands with one of its agents (issue 14)', async ({
  page,
  request,
}) => {
  const admin = createStaff({ role: 'admin', name: 'Catalina Ospina' });
  const ana = createStaff({ name: 'Ana Ruiz', teamName: 'Facturación' });
  const teamName = queryDb<{ name: string }>('select name from teams where id = ?', ana.teamId)[0]!
    .name;
  const beto = createStaff({ name: 'Beto Lara', teamId: ana.teamId });
  const away = createStaff({ name: 'Ciro Paz', teamId: ana.teamId });
  const fallback = createStaff({ name: 'Dora Gil', teamName: 'Atención' });
  const fallbackTeam = queryDb<{ name: string }>(
    'select name from teams where id = ?',
    fallback.teamId,
  )[0]!.name;

  await signInAs(page, admin);
  await page.goto('/admin/enrutamiento');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Enrutamiento y asignación' }),
  ).toBeVisible();
  await expect(page.getByText('Aún no hay reglas guardadas')).toBeVisible();

  // A rule with no condition is refused on its field, and nothing is saved.
  await page.getByRole('button', { name: 'Agregar regla' }).click();
  const rule = page.getByRole('listitem', { name: 'Regla 1' });
  await rule.getByLabel('Nombre de la regla').fill('Reclamos web a Facturación');
  await rule.getByLabel('Enviar al equipo').selectOption({ label: teamName });
  await page.getByLabel('Equipo predeterminado').selectOption({ label: fallbackTeam });
  await page.getByRole('button', { name: 'Guardar como versión nueva' }).click();
  await expect(rule.getByText('Esta regla no tiene condiciones')).toBeVisible();
  expect(queryDb('select id from routing_rule_sets')).toHaveLength(0);

  await rule.getByLabel('Tipo').selectOption({ label: 'Reclamo' });
  await rule.getByLabel('Canal').selectOption({ label: 'Formulario web' });
  await page.getByRole('button', { name: 'Guardar como versión nueva' }).click();
  await expect(page.getByText('Reglas guardadas.')).toBeVisible();
  await expect(page.getByTestId('routing-version')).toContainText('guardada por Catalina Ospina');

  // The team assigns in turn; Ciro is away.
  await page.getByLabel(`Modo de asignación de ${teamName}`).selectOption('round_robin');
  await page.getByRole('button', { name: `Guardar modo: ${teamName}` }).click();
  await expect(page.getByText('Modo guardado.')).toBeVisible();
  await page.getByRole('button', { name: 'Marcar ausente a Ciro Paz' }).click();
  await expect(page.getByRole('button', { name: 'Marcar disponible a Ciro Paz' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'admin-enrutamiento-es-1366');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'admin-enrutamiento-es-360');
  await page.setViewportSize({ width: 1366, height: 900 });

  // Two Reclamos on the portal: one to each available agent, in turn; a Petición to the default team.
  const file = async (typeCode: string, document: string) => {
    const res = await request.post('/api/portal/radicar', {
      multipart: {
        typeCode,
        subject: 'Cobro doble en la factura de marzo',
        description: 'La factura de marzo trae dos veces el cargo fijo del servicio.',
        hasConsent: 'true',
        isAnonymous: 'false',
        'customer.documentType': 'CC',
        'customer.documentNumber': document,
        'customer.fullName': 'Jorge Castaño',
        'customer.email': 'jorge@example.co',
      },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { radicado: string }).radicado;
  };
  const row = (radicado: string) =>
    queryDb<{ team_id: number; assignee_id: number | null }>(
      'select team_id, assignee_id from cases where radicado = ?',
      radicado,
    )[0]!;
  const first = await file('R', `7${randomInt(10_000_000, 99_999_999)}`);
  const second = await file('R', `7${randomInt(10_000_000, 99_999_999)}`);
  const peticion = await file('P', `7${randomInt(10_000_000, 99_999_999)}`);
  expect(row(first).team_id).toBe(ana.teamId);
  expect(new Set([row(first).assignee_id, row(second).assignee_id])).toEqual(
    new Set([ana.id, beto.id]),
  );
  expect([row(first).assignee_id, row(second).assignee_id]).not.toContain(away.id);
  expect(row(peticion)).toEqual({ team_id: fallback.teamId, assignee_id: null });

  // The assignee sees the routing on the case's timeline.
  const assignee = row(first).assignee_id === ana.id ? ana : beto;
  await signInAs(page, assignee);
  await page.goto(`/casos/${first}`);
  await expect(page.getByTestId('case-assignee')).toHaveText(assignee.name);
  const timeline = page.getByRole('region', { name: 'Historial completo' });
  await expect(
    timeline.getByText(`Al equipo ${teamName} por la regla «Reclamos web a Facturación».`),
  ).toBeVisible();
  await expect(timeline.getByText(`Asignado a ${assignee.name} (por turnos).`)).toBeVisible();

  // In English too. Leave the agent's page first: a response still on its way from it (the live
  // channel) must not bring the agent's session cookie back after the admin's is set.
  await page.goto('about:blank');
  await page.context().clearCookies();
  await signInAs(page, admin);
  await page.goto('/admin/enrutamiento');
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Routing and assignment' }),
  ).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'admin-enrutamiento-en-1366');
  await page.setViewportSize({ width: 360, height: 800 });
  await snap(page, 'admin-enrutamiento-en-360');
});
