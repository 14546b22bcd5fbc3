import { randomInt } from 'node:crypto';
import fs from 'node:fs';
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
  extraHTTPHeaders: { 'X-Forwarded-For': `10.7.${randomInt(256)}.${randomInt(1, 255)}` },
});

/** A surname no other test uses, letters only (names are validated). */
function uniqueSurname(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let n = Date.now() + randomInt(1000);
  let out = '';
  while (n > 0) {
    out += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  }
  return `Zu${out}`;
}

test('an admin exports and anonymises a customer, whose name then appears on no page; the chain stays intact', async ({
  page,
}) => {
  const surname = uniqueSurname();
  const fullName = `Eulalia ${surname}`;
  const documentNumber = `77${randomInt(10_000_000, 99_999_999)}`;
  const email = `${surname.toLowerCase()}@example.co`;
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    actor: { role: 'customer', id: null, caseId: null },
    input: {
      typeCode: 'P',
      channel: 'web',
      subject: `Copia del contrato de ${fullName}`,
      description: `Yo, ${fullName}, solicito copia de mi contrato de servicio.`,
      hasConsent: true,
      customer: { documentType: 'CC', documentNumber, fullName, email },
    },
  });
  const admin = createStaff({ role: 'admin', name: 'Amparo Salcedo' });
  await signInAs(page, admin);

  // Before: the customer is there, on the finder and in the case search.
  await page.goto(`/casos/buscar?q=${surname}`);
  await expect(page.getByText(fullName).first()).toBeVisible();
  await page.goto(`/admin/datos-personales?q=${documentNumber}`);
  await page.getByRole('link', { name: fullName }).click();
  await expect(page.getByRole('heading', { name: fullName })).toBeVisible();
  await expect(page.getByRole('link', { name: filed.radicado })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'admin-records-subject');

  // Export: a JSON download with their data.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /JSON/ }).click();
  const file = await (await download).path();
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    customer: { full_name: string };
    cases: { radicado: string }[];
  };
  expect(exported.customer.full_name).toBe(fullName);
  expect(exported.cases.map((c) => c.radicado)).toEqual([filed.radicado]);

  // Anonymise (confirmation required).
  const run = page.getByRole('button', { name: 'Anonimizar titular' });
  await expect(run).toBeDisabled();
  await page.getByLabel('Confirmo que el titular solicitó la supresión de sus datos').check();
  await run.click();
  await expect(page.getByTestId('anonymise-outcome')).toContainText('Titular anonimizado');
  await expect(page.getByRole('heading', { name: 'Titular anonimizado' })).toBeVisible();
  await snap(page, 'admin-records-anonymised');

  // Gone from every page: the case page and the queue show none of it …
  for (const url of [`/casos/${filed.radicado}`, '/casos?queue=all']) {
    await page.goto(url);
    await expect(page.locator('main')).toBeVisible();
    const text = await page.locator('body').innerText();
    expect(text, url).not.toContain(surname);
    expect(text, url).not.toContain(documentNumber);
    expect(text, url).not.toContain(email);
  }
  // … and searching for it (the page repeats the query itself) finds nothing.
  for (const q of [surname, documentNumber, email]) {
    await page.goto(`/casos/buscar?q=${encodeURIComponent(q)}`);
    await expect(page.getByText('Sin resultados.')).toBeVisible();
    await expect(page.locator('.results')).toHaveCount(0);
    await page.goto(`/admin/datos-personales?q=${encodeURIComponent(q)}`);
    await expect(page.getByText(`Ningún titular coincide con «${q}».`)).toBeVisible();
  }
  await page.goto(`/casos/${filed.radicado}`);
  await expect(page.getByText('Titular anonimizado').first()).toBeVisible();
  // The case stays, and both acts are in the audit history.
  expect(queryDb('SELECT count(*) AS n FROM cases WHERE radicado = ?', filed.radicado)).toEqual([
    { n: 1 },
  ]);
  const audited = queryDb<{ action: string }>(
    "SELECT action FROM case_events WHERE action IN ('customer_exported', 'customer_anonymised') ORDER BY id DESC LIMIT 2",
  ).map((r) => r.action);
  expect(audited.sort()).toEqual(['customer_anonymised', 'customer_exported']);

  // The audit log: filter by action, verify the chain.
  await page.goto('/admin/auditoria?action=customer_anonymised');
  await expect(page.getByRole('cell', { name: 'Peticionario anonimizado' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Verificar ahora' }).click();
  await expect(page.getByTestId('chain-intact')).toContainText('Cadena íntegra');
  await expectAccessible(page);
  await snap(page, 'admin-records-audit');
  const csv = await page.request.get('/api/admin/auditoria?action=customer_anonymised');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('Peticionario anonimizado');

  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/admin/auditoria');
  await page.getByRole('button', { name: 'Verificar ahora' }).click();
  await expect(page.getByTestId('chain-intact')).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'admin-records-audit-phone');
  await page.goto(`/admin/datos-personales?q=${encodeURIComponent('Titular anonimizado')}`);
  await expectAccessible(page);
  await snap(page, 'admin-records-finder-phone');
});

test('agents and supervisors get 403 on the records pages and endpoints', async ({ page }) => {
  const customerId =
    queryDb<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1')[0]?.id ?? 1;
  for (const role of ['agent', 'supervisor'] as const) {
    const who = createStaff({ role, teamName: 'Registros' });
    await page.context().clearCookies();
    await signInAs(page, who);
    for (const url of ['/admin/auditoria', '/admin/datos-personales']) {
      const res = await page.goto(url);
      expect(res?.status(), `${role} ${url}`).toBe(403);
    }
    expect((await page.request.get('/api/admin/auditoria')).status()).toBe(403);
    expect((await page.request.post(`/api/admin/datos-personales/${customerId}`)).status()).toBe(
      403,
    );
  }
  expect(
    queryDb(
      "SELECT count(*) AS n FROM case_events WHERE action = 'customer_exported' AND actor_id NOT IN (SELECT id FROM staff_users WHERE role = 'admin')",
    ),
  ).toEqual([{ n: 0 }]);
});
