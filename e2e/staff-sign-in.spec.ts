import { E2E_ENV } from './support/env';
import {
  createStaff,
  formAlert,
  expect,
  expectAccessible,
  runVerb,
  signInAs,
  snap,
  test,
} from './support/fixtures';

test.describe('Staff sign-in', () => {
  test('an agent signs in (es), sees their name and role, switches to English and signs out', async ({
    page,
  }) => {
    const agent = createStaff({
      name: 'Laura Gómez',
      role: 'agent',
      teamName: 'Atención al Ciudadano',
    });
    await page.goto('/ingresar');
    await expect(page.getByRole('heading', { name: 'Ingreso de funcionarios' })).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'ingresar-es');

    await page.getByLabel('Correo electrónico').fill(agent.email);
    await page.getByLabel('Contraseña').fill(agent.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();

    await expect(page).toHaveURL(/\/casos$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Hola, Laura Gómez' })).toBeVisible();
    await expect(page.getByTestId('staff-role')).toHaveText(/^Agente · Atención al Ciudadano/);
    await expectAccessible(page);
    await snap(page, 'casos-es');

    await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hello, Laura Gómez' })).toBeVisible();
    await expect(page.getByTestId('staff-role')).toHaveText(/^Agent · Atención al Ciudadano/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await snap(page, 'casos-en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/ingresar/);
    await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
    await page.goto('/casos');
    await expect(page).toHaveURL(/\/ingresar/);
  });

  test('a wrong password shows a clear error and does not sign in', async ({ page }) => {
    const agent = createStaff();
    await page.goto('/ingresar');
    await page.getByLabel('Correo electrónico').fill(agent.email);
    await page.getByLabel('Contraseña').fill('no-es-la-clave');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(formAlert(page)).toHaveText(
      'El correo o la contraseña no son correctos. Revíselos e intente de nuevo.',
    );
    await expect(page).toHaveURL(/\/ingresar/);
    await snap(page, 'ingresar-error');
  });

  test('bad input gets field messages before anything is sent', async ({ page }) => {
    await page.goto('/ingresar');
    await page.getByLabel('Correo electrónico').fill('no-es-un-correo');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(
      page.getByText('Escriba un correo válido, por ejemplo nombre@dominio.co.'),
    ).toBeVisible();
    await expect(page.getByText('Este campo es obligatorio.')).toBeVisible();
    await expect(page.getByLabel('Correo electrónico')).toHaveAttribute('aria-invalid', 'true');
  });

  test('five failures block that address only: the owner signs in from another', async ({
    page,
  }) => {
    const agent = createStaff({ name: 'Marta Ríos' });
    // The test runner stands in for the trusted proxy, which names the client (issue 13 §2).
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': '198.51.100.66' });
    await page.goto('/ingresar');
    for (let i = 0; i < 5; i += 1) {
      await page.getByLabel('Correo electrónico').fill(agent.email);
      await page.getByLabel('Contraseña').fill(`equivocada-${i}`);
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await expect(formAlert(page)).toContainText('no son correctos');
    }
    await page.getByLabel('Contraseña').fill(agent.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(formAlert(page)).toHaveText(/Demasiados intentos fallidos/);
    await expect(page).toHaveURL(/\/ingresar/);

    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': '203.0.113.67' });
    await page.getByLabel('Correo electrónico').fill(agent.email);
    await page.getByLabel('Contraseña').fill(agent.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page).toHaveURL(/\/casos$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Hola, Marta Ríos' })).toBeVisible();
  });

  test('signing out ends the session on the server; a password reset ends all of them (issue 13 §6)', async ({
    browser,
    request,
  }) => {
    const agent = createStaff({ name: 'Nora Díaz' });
    const signedIn = async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto('/ingresar');
      await page.getByLabel('Correo electrónico').fill(agent.email);
      await page.getByLabel('Contraseña').fill(agent.password);
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await expect(page).toHaveURL(/\/casos$/);
      const cookie = (await context.cookies()).find((c) => c.name === 'next-auth.session-token');
      expect(cookie?.value).toBeTruthy();
      return { context, page, token: cookie!.value };
    };
    const replay = (token: string) =>
      request.get('/api/casos', { headers: { cookie: `next-auth.session-token=${token}` } });

    const first = await signedIn();
    expect((await replay(first.token)).status()).toBe(200);
    await first.page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect(first.page).toHaveURL(/\/ingresar/);
    const afterSignOut = await replay(first.token);
    expect(afterSignOut.status()).toBe(401);
    expect((await afterSignOut.json()).code).toBe('UNAUTHENTICATED');
    // The copied cookie in another browser opens no page either.
    const thief = await browser.newContext();
    await thief.addCookies([
      { name: 'next-auth.session-token', value: first.token, url: E2E_ENV.NEXTAUTH_URL },
    ]);
    const thiefPage = await thief.newPage();
    await thiefPage.goto('/casos');
    await expect(thiefPage).toHaveURL(/\/ingresar/);

    // Two live sessions; an admin resets the password: both end, a new sign-in works.
    const [a, b] = [await signedIn(), await signedIn()];
    expect((await replay(a.token)).status()).toBe(200);
    runVerb('reset-password', { input: { userId: agent.id, password: 'Otra-clave-segura-2' } });
    expect((await replay(a.token)).status()).toBe(401);
    expect((await replay(b.token)).status()).toBe(401);
    await b.page.goto('/casos');
    await expect(b.page).toHaveURL(/\/ingresar/);
    for (const context of [first.context, a.context, b.context, thief]) await context.close();
  });

  test('a staff page without a session redirects to sign-in and back after it', async ({
    page,
  }) => {
    const agent = createStaff({ name: 'Pedro Ruiz' });
    await page.goto('/casos');
    await expect(page).toHaveURL(/\/ingresar\?callbackUrl=/);
    await page.getByLabel('Correo electrónico').fill(agent.email);
    await page.getByLabel('Contraseña').fill(agent.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page).toHaveURL(/\/casos$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Hola, Pedro Ruiz' })).toBeVisible();
  });

  test('the credentials endpoint answers garbage with an error code, never a 500', async ({
    request,
  }) => {
    const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
    for (const form of [
      { email: 'x', password: '' },
      { email: 'a'.repeat(5000), password: 'y' },
      { email: '', password: '' },
    ]) {
      const res = await request.post('/api/auth/callback/credentials', {
        form: { ...form, csrfToken, json: 'true' },
        maxRedirects: 0,
      });
      expect(res.status()).toBeLessThan(500);
      expect(await res.text()).toContain('error=VALIDATION');
    }
  });

  test('the queues list open cases, are tidy at phone width and accessible', async ({ page }) => {
    const supervisor = createStaff({ name: 'Marta Salazar', role: 'supervisor' });
    const filed = runVerb<{ radicado: string }>('file-case', {
      input: {
        typeCode: 'R',
        channel: 'phone',
        subject: 'Cobro doble en la factura de marzo',
        description: 'La factura de marzo trae dos veces el cargo fijo del servicio de acueducto.',
        hasConsent: true,
        customer: {
          documentType: 'CC',
          documentNumber: '52123456',
          fullName: 'Claudia Rojas',
          email: 'claudia@example.co',
        },
      },
    });
    await page.setViewportSize({ width: 360, height: 780 });
    await signInAs(page, supervisor);
    await page.goto('/casos');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Hola, Marta Salazar' }),
    ).toBeVisible();
    await page.getByRole('link', { name: /^Sin asignar/ }).click();
    await expect(page).toHaveURL(/queue=unassigned/);
    // Newest first: other specs leave older unassigned cases that fill the first page by due date.
    await page.goto('/casos?queue=unassigned&sort=received&dir=desc');
    const row = page.getByRole('row').filter({ hasText: filed.radicado });
    await expect(row).toContainText('Cobro doble en la factura de marzo');
    await expect(row).toContainText('Reclamo');
    await expect(row).toContainText('Radicada');
    await expect(row).toContainText('A tiempo');
    await expect(page.getByTestId('staff-role')).toHaveText('Supervisor');
    await expectAccessible(page);
    await snap(page, 'casos-360');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().clearCookies();
    await page.goto('/ingresar');
    await expectAccessible(page);
    await snap(page, 'ingresar-360');
  });
});
