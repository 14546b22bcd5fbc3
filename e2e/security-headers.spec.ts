import type { APIResponse, Page, Response } from '@playwright/test';
import { randomInt } from 'node:crypto';
import { createStaff, expect, formAlert, runVerb, signInAs, snap, test } from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.45.${randomInt(256)}.${randomInt(1, 255)}` },
});

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

/** The page policy's nonce, after checking the script policy admits nothing inline. */
function pageNonce(response: Response | APIResponse): string {
  const headers = response.headers();
  const csp = headers['content-security-policy'];
  expect(csp, `CSP on ${response.url()}`).toBeDefined();
  const scripts = directives(csp!).get('script-src') ?? [];
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(directives(csp!).get('object-src')).toEqual(["'none'"]);
  expect(directives(csp!).get('frame-ancestors')).toEqual(["'none'"]);
  expect(headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
  });
  expect(headers['permissions-policy']).toContain('camera=()');
  // The e2e server is plain http: no HSTS.
  expect(headers['strict-transport-security']).toBeUndefined();
  return nonce!;
}

/** Every <script> of the served HTML carries the nonce of its response's policy. */
async function expectScriptsCarry(html: string, nonce: string) {
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
}

/** Records console errors, page errors and CSP violations of one page for the whole test. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    // The one expected failure: the filing form's 422 for an empty form.
    const expected =
      (/status of 422/.test(message.text()) && page.url().endsWith('/radicar')) ||
      // Our own init script below, refused by the mail viewer's sandboxed frame: the sandbox works.
      /Blocked script execution in 'about:srcdoc'.*sandboxed/.test(message.text());
    if (message.type() === 'error' && !expected) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation on ${location.pathname}: ${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber}:${event.columnNumber})`,
      );
    });
  });
  return problems;
}

/** Opens a page and returns its nonce, after checking its scripts ran under the policy. */
async function visit(page: Page, path: string): Promise<string> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  const nonce = pageNonce(response!);
  await expectScriptsCarry(await response!.text(), nonce);
  // Inline scripts streamed in later too (the browser hides the attribute, not the property);
  // chunks that trusted scripts load need none ('strict-dynamic').
  const inline = await page.evaluate(() =>
    Array.from(document.scripts)
      .filter((s) => !s.src)
      .map((s) => s.nonce),
  );
  expect(inline.filter((n) => n !== nonce)).toEqual([]);
  // Hydrated: Next's router runs (it is loaded only by nonce-carrying scripts).
  await page.waitForFunction(() => 'next' in window);
  return nonce;
}

function fileCase(documentNumber: string) {
  return runVerb<{ id: number; radicado: string }>('file-case', {
    actor: { role: 'customer', id: null, caseId: null },
    input: {
      typeCode: 'R',
      channel: 'web',
      subject: 'Cobro de reconexión no realizada',
      description: 'La factura de abril trae un cobro de reconexión que nunca se hizo.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber,
        fullName: 'Mariana Ortiz',
        email: 'mariana@example.co',
      },
    },
  });
}

test('pages, the API and redirects carry the security headers; scripts carry the nonce', async ({
  request,
}) => {
  const home = await request.get('/');
  const homeNonce = pageNonce(home);
  await expectScriptsCarry(await home.text(), homeNonce);
  // A fresh nonce for every request.
  expect(pageNonce(await request.get('/'))).not.toBe(homeNonce);

  const signIn = await request.get('/ingresar');
  await expectScriptsCarry(await signIn.text(), pageNonce(signIn));

  // A malformed path is rewritten to the not-found page, which hydrates under the policy too.
  const malformed = await request.get('/casos/%ZZ');
  expect(malformed.status()).toBe(404);
  await expectScriptsCarry(await malformed.text(), pageNonce(malformed));

  // Signed out, a staff page redirects to sign-in with the headers already.
  const redirect = await request.get('/casos', { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(redirect.headers()['x-content-type-options']).toBe('nosniff');

  // Route handlers: a policy that lets nothing load, plus nosniff.
  for (const path of ['/api/v1/openapi.json', '/api/tablero']) {
    const api = await request.get(path);
    expect(api.status(), path).toBeLessThan(500);
    expect(api.headers()).toMatchObject({
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
  }
  // The framework's own scripts too.
  const chunk = /<script[^>]* src="([^"]+\.js)"/.exec(await home.text())?.[1];
  expect(chunk).toBeDefined();
  expect((await request.get(chunk!)).headers()['x-content-type-options']).toBe('nosniff');
});

test('portal pages hydrate under the policy with no violation, and the filing form works client-side', async ({
  page,
}) => {
  const problems = watch(page);
  const document = `80${Date.now() % 100_000_000}`;
  const filed = fileCase(document);

  await visit(page, '/');
  await snap(page, 'csp-portal-inicio');
  await visit(page, '/radicar');
  const description = 'Necesito una copia de mi última factura.';
  await page.getByLabel('Descripción *').fill(description);
  // The counter is client state: it moves only if React hydrated.
  await expect(page.getByText(`${description.length} de 5000 caracteres`)).toBeVisible();
  await page.getByRole('button', { name: 'Radicar' }).click();
  await expect(formAlert(page)).toContainText(/revise los campos marcados/i);
  await expect(page).toHaveURL(/\/radicar$/);

  await visit(page, '/consulta');
  await page.getByLabel('Número de radicado').fill(filed.radicado);
  await page.getByLabel('Número de documento o código de acceso').fill(document);
  await page.getByRole('button', { name: 'Consultar' }).click();
  await expect(page).toHaveURL(new RegExp(`/consulta/${filed.radicado}$`));
  await visit(page, `/consulta/${filed.radicado}`);
  // The language switch (a server action) and the page in English, under the same policy.
  await page.getByRole('button', { name: 'Cambiar idioma a English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await visit(page, '/radicar');
  await snap(page, 'csp-radicar-en');

  expect(problems).toEqual([]);
});

test('staff pages hydrate under the policy with no violation', async ({ page }) => {
  const problems = watch(page);
  await visit(page, '/ingresar');

  const agent = createStaff({ name: 'Tomás Rey', teamName: 'Atención CSP' });
  const filed = fileCase(`81${Date.now() % 100_000_000}`);
  await signInAs(page, agent);
  await visit(page, '/casos');
  await visit(page, `/casos/${filed.radicado}`);
  // A client interaction through a server action.
  await page.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');

  const supervisor = createStaff({ role: 'supervisor', teamName: 'Supervisión CSP' });
  await page.context().clearCookies();
  await signInAs(page, supervisor);
  await visit(page, `/tablero?teamId=${supervisor.teamId}`);
  await visit(page, `/calidad?teamId=${supervisor.teamId}`);
  await visit(page, '/informes?from=2026-01-01&to=2026-12-31');
  await expect(page.locator('.recharts-wrapper').first()).toBeVisible();
  await snap(page, 'csp-informes');
  // The mail folder shows a message's HTML in a sandboxed frame, under the page's policy.
  await visit(page, '/correo');
  const message = page.locator('table a[href^="/correo/"]').first();
  await visit(page, (await message.getAttribute('href'))!);
  await expect(page.locator('iframe.mail-html')).toBeVisible();

  const admin = createStaff({ role: 'admin' });
  await page.context().clearCookies();
  await signInAs(page, admin);
  await visit(page, '/admin');
  await visit(page, '/admin/auditoria');

  expect(problems).toEqual([]);
});
