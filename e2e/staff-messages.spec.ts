/**
 * Each staff area sends only its own client messages (issue 15 §4): every staff page still shows
 * its texts, never a raw key (`staffCase.fields.body`) nor a stored code (`en_tramite`, `R`), in
 * Spanish and English, and the browser logs no missing message.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { caseByRadicado } from './support/db';
import { E2E_ENV } from './support/env';
import { createStaff, expect, runVerb, signInAs, test } from './support/fixtures';
import { rawCodesInCsv, rawCodesOn } from './support/raw-codes';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.9.${randomInt(256)}.${randomInt(1, 255)}` },
});

/** A raw key reads as `<namespace>.<key>`, its namespace one of the catalogue's. */
const MESSAGES = path.join(process.cwd(), 'lib', 'i18n', 'messages');
const NAMESPACES = fs
  .readdirSync(MESSAGES)
  .filter((file) => file.endsWith('.es.json') || file === 'es.json')
  .flatMap((file) => Object.keys(JSON.parse(fs.readFileSync(path.join(MESSAGES, file), 'utf8'))));
const RAW_KEY = new RegExp(`\\b(?:${NAMESPACES.join('|')})\\.[a-zA-Z]`);

const PAGES = [
  '/casos',
  '/casos/buscar?q=medidor',
  '/casos/radicar',
  '/tablero',
  '/calidad',
  '/causas',
  '/causas/problemas',
  '/causas/problemas/nuevo',
  '/informes',
  '/avisos',
  '/avisos/preferencias',
  '/correo',
  '/admin',
  '/admin/personas',
  '/admin/organizacion',
  '/admin/enrutamiento',
  '/admin/catalogos',
  '/admin/canales',
  '/admin/plantillas',
  '/admin/tipos',
  '/admin/calendario',
  '/admin/auditoria',
  '/admin/datos-personales',
];

test('every staff page shows its texts, not keys nor codes, in both languages', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const admin = createStaff({ role: 'admin', teamName: 'Mensajes' });
  const filed = runVerb<{ radicado: string }>('file-case', {
    input: {
      typeCode: 'R',
      channel: 'phone',
      subject: 'Medidor sin revisar',
      description: 'El técnico no vino a revisar el medidor en la fecha acordada.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `72${admin.id}`,
        fullName: 'Marta Salcedo',
        email: 'marta@example.co',
      },
    },
  });
  const { customer_id: customerId } = caseByRadicado(filed.radicado);
  const pages = [...PAGES, `/casos/${filed.radicado}`, `/peticionarios/${customerId}`];
  await signInAs(page, admin);
  const missing: string[] = [];
  page.on('console', (message) => {
    if (/MISSING_MESSAGE/.test(message.text())) missing.push(message.text());
  });

  for (const locale of ['es', 'en'] as const) {
    await page
      .context()
      .addCookies([{ name: 'NEXT_LOCALE', value: locale, url: E2E_ENV.NEXTAUTH_URL }]);
    for (const url of pages) {
      const response = await page.goto(url);
      expect([url, response?.status()]).toEqual([url, 200]);
      await expect(page.locator('main h1').first()).toBeVisible();
      const text = await page.locator('body').innerText();
      expect([url, text.match(RAW_KEY)?.[0] ?? null]).toEqual([url, null]);
      // Nor a stored code where its label belongs (issue 17 §2).
      expect([url, await rawCodesOn(page)]).toEqual([url, []]);
    }
  }
  expect(missing).toEqual([]);

  // The CSVs people open in a spreadsheet: labels there too.
  for (const url of [
    '/api/casos/export?queue=all',
    '/api/admin/auditoria',
    '/api/informes/pqrs.csv',
    '/api/causas/casos.csv',
    '/api/calidad/casos.csv?quadrant=late_well',
  ]) {
    const response = await page.request.get(url);
    expect([url, response.status()]).toEqual([url, 200]);
    expect([url, rawCodesInCsv(await response.text())]).toEqual([url, []]);
  }
});
