import type { Page } from '@playwright/test';
import {
  createStaff,
  expect,
  expectAccessible,
  formAlert,
  signInAs,
  snap,
  test,
} from './support/fixtures';

const PHONE = { width: 360, height: 800 };

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

async function snapBoth(page: Page, name: string) {
  await snap(page, `${name}-1280`);
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  await snap(page, `${name}-360`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe('Admin: people, teams and organisation', () => {
  test('an admin creates a team and an agent who signs in, then deactivates them', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const admin = createStaff({ role: 'admin', name: 'Ana Administradora' });
    const unique = Date.now().toString(36);
    const teamName = `Servicio al Cliente ${unique}`;
    const email = `agente-${unique}@ventanilla.test`;
    const password = 'Clave-inicial-2026';
    await signInAs(page, admin);

    await page.goto('/admin/personas');
    await expect(page.getByRole('heading', { level: 1, name: 'Personas y equipos' })).toBeVisible();
    await page.locator('#team-new-name').fill(teamName);
    await page.getByRole('button', { name: 'Crear equipo' }).click();
    await expect(page.getByRole('heading', { level: 3, name: teamName })).toBeVisible();

    const create = page.getByRole('region', { name: 'Crear funcionario' });
    await create.getByRole('button', { name: 'Crear funcionario' }).click();
    await expect(create.getByText('Este campo es obligatorio.').first()).toBeVisible();
    await create.getByLabel('Nombre').fill('Mateo Ríos');
    await create.getByLabel('Correo').fill(email);
    await create.getByLabel('Rol').selectOption({ label: 'Agente' });
    await create.getByLabel('Equipo').selectOption({ label: teamName });
    await create.getByLabel('Contraseña inicial').fill(password);
    await create.getByRole('button', { name: 'Crear funcionario' }).click();
    await expect(create.getByRole('status')).toHaveText(/Funcionario creado/);
    const row = page.getByRole('row', { name: /Mateo Ríos/ });
    await expect(row).toContainText(email);
    await expect(row).toContainText(teamName);
    await expect(row).toContainText('Activo');

    // The same email again is a field error in Spanish.
    await create.getByLabel('Nombre').fill('Mateo Ríos');
    await create.getByLabel('Correo').fill(email.toUpperCase());
    await create.getByLabel('Contraseña inicial').fill(password);
    await create.getByRole('button', { name: 'Crear funcionario' }).click();
    await expect(create.getByText('Ya existe un registro con ese nombre o correo.')).toBeVisible();
    await expectAccessible(page);
    await snapBoth(page, 'admin-personas');

    // The new agent signs in through the real form.
    const agentContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const agentPage = await agentContext.newPage();
    await agentPage.goto('/ingresar');
    await agentPage.getByLabel('Correo electrónico').fill(email);
    await agentPage.getByLabel('Contraseña').fill(password);
    await agentPage.getByRole('button', { name: 'Ingresar' }).click();
    await expect(agentPage).toHaveURL(/\/casos$/);
    await expect(agentPage.getByTestId('staff-role')).toHaveText(
      new RegExp(`Agente · ${teamName}`),
    );

    // The admin deactivates them; their next request is sent back to sign-in.
    await row.getByRole('link', { name: 'Mateo Ríos' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mateo Ríos' })).toBeVisible();
    await expectAccessible(page);
    await snapBoth(page, 'admin-persona');
    await page.getByRole('button', { name: 'Desactivar cuenta' }).click();
    await expect(page.getByRole('button', { name: 'Reactivar cuenta' })).toBeVisible();
    await agentPage.goto('/casos');
    await expect(agentPage).toHaveURL(/\/ingresar/);
    await agentContext.close();

    await page.goto('/admin/personas');
    await expect(page.getByRole('row', { name: /Mateo Ríos/ })).toContainText('Inactivo');
  });

  test('an admin cannot deactivate or demote themself', async ({ page }) => {
    const admin = createStaff({ role: 'admin', name: 'Sofía Admin' });
    await signInAs(page, admin);
    await page.goto(`/admin/personas/${admin.id}`);
    await page.getByRole('button', { name: 'Desactivar cuenta' }).click();
    await expect(formAlert(page)).toHaveText(/No puede desactivar su propia cuenta/);
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Agente' });
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect(page.getByText(/No puede quitarse a sí mismo el rol/)).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Desactivar cuenta' })).toBeVisible();
    await expect(page.getByLabel('Rol', { exact: true })).toHaveValue('admin');
  });

  test('an admin edits the organisation profile; a bad NIT and an unversioned policy are refused', async ({
    page,
  }) => {
    const admin = createStaff({ role: 'admin' });
    await signInAs(page, admin);
    await page.goto('/admin/organizacion');
    await expect(page.getByRole('heading', { level: 1, name: 'Organización' })).toBeVisible();
    await page.getByLabel('NIT').fill('900.123.456');
    await page.getByLabel('Prefijo del radicado').fill('pq');
    await page.getByRole('button', { name: 'Guardar perfil' }).click();
    await expect(page.getByText(/Escriba un NIT válido/)).toBeVisible();
    await expect(page.getByText(/El prefijo debe tener de 2 a 10 letras/)).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('NIT').fill('900123456-7');
    await page.getByLabel('Prefijo del radicado').fill('PQRS');
    const current = await page.getByLabel('Versión de la política').inputValue();
    await page
      .getByLabel('Política de tratamiento de datos personales')
      .fill(`Tratamos sus datos conforme a la Ley 1581 de 2012. ${Date.now()}`);
    await page.getByRole('button', { name: 'Guardar perfil' }).click();
    await expect(page.getByText(/escriba una versión nueva, distinta/)).toBeVisible();
    await page.getByLabel('Versión de la política').fill(`${current}.1`);
    await page.getByRole('button', { name: 'Guardar perfil' }).click();
    await expect(page.getByRole('status')).toHaveText('Perfil guardado.');
    await expect(page.getByText(`Versión vigente: ${current}.1.`)).toBeVisible();

    // The logo is checked by content: an SVG is refused, a PNG is stored and served with nosniff.
    await page.getByLabel('Archivo del logo').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    });
    await page.getByRole('button', { name: 'Subir logo' }).click();
    await expect(page.getByText('El logo debe ser una imagen PNG o JPEG.')).toBeVisible();
    await page.getByLabel('Archivo del logo').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.getByRole('button', { name: 'Subir logo' }).click();
    await expect(page.getByRole('img', { name: 'Logo actual de la organización' })).toBeVisible();
    const logo = await page.request.get('/api/organizacion/logo');
    expect(logo.status()).toBe(200);
    expect(logo.headers()['content-type']).toBe('image/png');
    expect(logo.headers()['x-content-type-options']).toBe('nosniff');
    await expectAccessible(page);
    await snapBoth(page, 'admin-organizacion');
  });

  for (const role of ['agent', 'supervisor'] as const) {
    test(`${role === 'agent' ? 'an agent' : 'a supervisor'} gets 403 on the people and organisation pages`, async ({
      page,
    }) => {
      await signInAs(page, createStaff({ role, teamName: 'Facturación' }));
      for (const path of ['/admin/personas', '/admin/organizacion']) {
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
      }
    });
  }
});
