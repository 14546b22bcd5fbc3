import { createStaff, expect, expectAccessible, signInAs, test } from './support/fixtures';

test.describe('Pages every app has: not found, icons', () => {
  test('an unknown address answers 404 with the not-found page, its title and a way home', async ({
    page,
  }) => {
    const response = await page.goto('/esta-direccion-no-existe');
    expect(response?.status()).toBe(404);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Página no encontrada' }),
    ).toBeVisible();
    await expect(page).toHaveTitle('Página no encontrada · Ventanilla');
    await expect(page.getByRole('link', { name: 'Ir al inicio' })).toHaveAttribute('href', '/');
    await expectAccessible(page);
  });

  test('a malformed address (bad percent-encoding) is the not-found page, never a bare 500', async ({
    page,
  }) => {
    const supervisor = createStaff({ name: 'Marta Salazar', role: 'supervisor' });
    await signInAs(page, supervisor);
    for (const path of [
      '/casos/%ZZ',
      '/consulta/%ZZ',
      '/consulta/%E0%A4%A/adjuntos/1',
      '/api/casos/%ZZ/adjuntos/1',
    ]) {
      const response = await page.goto(path);
      expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
      await expect(
        page.getByRole('heading', { level: 1, name: 'Página no encontrada' }),
      ).toBeVisible();
    }
  });

  test('a case that does not exist is not found under the staff header, with a way back', async ({
    page,
  }) => {
    const supervisor = createStaff({ name: 'Marta Salazar', role: 'supervisor' });
    await signInAs(page, supervisor);
    const response = await page.goto('/casos/PQRS-2026-999999');
    expect(response?.status()).toBe(404);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Página no encontrada' }),
    ).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Navegación principal' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Volver a casos' })).toHaveAttribute(
      'href',
      '/casos',
    );
    await expect(page).toHaveTitle('Página no encontrada · Ventanilla');
  });

  test('the pages link an icon and a home-screen icon that the server serves as images', async ({
    page,
    request,
  }) => {
    await page.goto('/');
    const icons = [
      { rel: 'icon', type: /^image\/svg\+xml/, selector: 'link[rel="icon"][type="image/svg+xml"]' },
      { rel: 'apple-touch-icon', type: /^image\/png/, selector: 'link[rel="apple-touch-icon"]' },
    ];
    for (const { type, selector } of icons) {
      // Next adds a content hash as a query string (/icon.svg?abc123): follow the link as given.
      const link = page.locator(selector).first();
      await expect(link).toHaveAttribute(
        'href',
        /^(https?:\/\/[^/]+)?\/(icon\.svg|apple-icon\.png)\b/,
      );
      const href = (await link.getAttribute('href'))!;
      const response = await request.get(href);
      expect(response.status(), href).toBe(200);
      expect(response.headers()['content-type'], href).toMatch(type);
    }
    // Browsers ask for /favicon.ico on their own; a home-screen install reads the manifest.
    const favicon = await request.get('/favicon.ico');
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await request.get(manifestHref!)).json();
    expect(manifest).toMatchObject({ short_name: 'Ventanilla', display: 'standalone' });
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const response = await request.get(icon.src);
      expect(response.status(), icon.src).toBe(200);
      expect(response.headers()['content-type'], icon.src).toContain(icon.type);
    }
  });
});
