import type { APIRequestContext } from '@playwright/test';
import { randomInt } from 'node:crypto';
import { caseByRadicado, countRows, uploadedFiles } from './support/db';
import { ELEVEN_MB, ELF, PDF } from './support/files';
import { expect, formAlert, test } from './support/fixtures';

/** Each request group speaks from its own address, so one test's limits never touch another's. */
const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const validFiling = {
  typeCode: 'R',
  subject: 'Cobro doble en la factura',
  description: 'La factura de marzo trae dos veces el cargo fijo del servicio.',
  hasConsent: 'true',
  isAnonymous: 'false',
  'customer.documentType': 'CC',
  'customer.documentNumber': '79111222',
  'customer.fullName': 'Jorge Castaño',
  'customer.email': 'jorge@example.co',
};

function file(
  request: APIRequestContext,
  ip: string,
  fields: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>,
) {
  return request.post('/api/portal/radicar', {
    multipart: fields,
    headers: { 'X-Forwarded-For': ip },
  });
}

function lookup(request: APIRequestContext, ip: string, radicado: string, secret: string) {
  return request.post('/api/portal/consulta', {
    data: { radicado, secret },
    headers: { 'X-Forwarded-For': ip },
  });
}

test.describe('Portal refusals: exact answers, nothing written, never a 500', () => {
  let before: { cases: number; files: number };
  test.beforeEach(() => {
    before = { cases: countRows('cases'), files: uploadedFiles().length };
  });
  const nothingWritten = () => {
    expect(countRows('cases')).toBe(before.cases);
    expect(uploadedFiles()).toHaveLength(before.files);
  };

  test('missing consent', async ({ request }) => {
    const res = await file(request, freshIp(), { ...validFiling, hasConsent: 'false' });
    expect(res.status()).toBe(422);
    expect(await res.json()).toEqual({
      code: 'VALIDATION',
      message: 'Revise los campos marcados.',
      fieldErrors: {
        hasConsent: [
          'Debe autorizar el tratamiento de sus datos personales para radicar con identificación.',
        ],
      },
    });
    nothingWritten();
  });

  test('an anonymous Reclamo', async ({ request }) => {
    const res = await file(request, freshIp(), { ...validFiling, isAnonymous: 'true' });
    expect(res.status()).toBe(422);
    expect((await res.json()).fieldErrors).toEqual({
      isAnonymous: ['Este tipo de solicitud no se puede radicar de forma anónima.'],
    });
    nothingWritten();
  });

  test('an executable renamed .pdf', async ({ request }) => {
    const res = await file(request, freshIp(), {
      ...validFiling,
      attachments: { name: 'factura.pdf', mimeType: 'application/pdf', buffer: ELF },
    });
    expect(res.status()).toBe(422);
    expect((await res.json()).fieldErrors).toEqual({
      attachments: [
        'Este tipo de archivo no se admite. Adjunte PDF, imágenes, documentos de Office u OpenDocument o texto.',
      ],
    });
    nothingWritten();
  });

  test('an 11 MB file', async ({ request }) => {
    const res = await file(request, freshIp(), {
      ...validFiling,
      attachments: { name: 'escaneo.pdf', mimeType: 'application/pdf', buffer: ELEVEN_MB },
    });
    expect(res.status()).toBe(422);
    expect((await res.json()).fieldErrors).toEqual({
      attachments: ['Cada archivo puede pesar máximo 10 MB.'],
    });
    nothingWritten();
  });

  test('a wrong document number and an unknown radicado get the same answer', async ({
    request,
  }) => {
    const ip = freshIp();
    const created = await file(request, ip, {
      ...validFiling,
      'customer.documentNumber': '80222333',
      attachments: { name: 'factura.pdf', mimeType: 'application/pdf', buffer: PDF },
    });
    expect(created.status()).toBe(201);
    const { radicado } = await created.json();
    const wrong = await lookup(request, ip, radicado, '80222334');
    const unknown = await lookup(request, ip, 'PQRS-2026-999999', '80222333');
    const expected = {
      code: 'NOT_FOUND',
      message: 'No encontramos lo que busca.',
      fieldErrors: {},
    };
    expect([wrong.status(), await wrong.json()]).toEqual([404, expected]);
    expect([unknown.status(), await unknown.json()]).toEqual([404, expected]);
    const right = await lookup(request, ip, radicado, '80.222.333');
    expect(right.status()).toBe(200);
  });

  test('look-ups are limited per address, with a friendly page', async ({ page, request }) => {
    const ip = freshIp();
    for (let i = 0; i < 10; i += 1) {
      expect(
        (await lookup(request, ip, `PQRS-2026-9${String(i).padStart(5, '0')}`, '123')).status(),
      ).toBe(404);
    }
    const limited = await lookup(request, ip, 'PQRS-2026-000001', '123');
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
    expect((await limited.json()).code).toBe('RATE_LIMITED');

    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
    await page.goto('/consulta');
    await page.getByLabel('Número de radicado').fill('PQRS-2026-000001');
    await page.getByLabel('Número de documento o código de acceso').fill('123');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await expect(formAlert(page)).toContainText('Demasiados intentos');
    await expect(formAlert(page)).toContainText('Intente de nuevo en 15 minutos.');
  });

  test('filings are limited per address', async ({ request }) => {
    const ip = freshIp();
    for (let i = 0; i < 20; i += 1) {
      expect((await file(request, ip, { ...validFiling, hasConsent: 'false' })).status()).toBe(422);
    }
    const limited = await file(request, ip, validFiling);
    expect(limited.status()).toBe(429);
    expect((await limited.json()).message).toBe(
      'Demasiados intentos. Espere un momento e intente de nuevo.',
    );
    nothingWritten();
  });

  test('a client rotating X-Forwarded-For is still one client (issue 13 §1)', async ({
    request,
  }) => {
    // Behind the proxy (here the test runner) the client can write anything at the left of the
    // header; the proxy appends the address it saw, and only that one counts. A peer header sent
    // by the client is replaced by the server's own.
    const client = freshIp();
    const spoofed = (i: number) => ({
      'X-Forwarded-For': `${freshIp()}, 192.0.2.${i + 1}, ${client}`,
      'x-ventanilla-peer': `198.51.100.${i + 1}`,
    });
    for (let i = 0; i < 10; i += 1) {
      const res = await request.post('/api/portal/consulta', {
        data: { radicado: `PQRS-2026-8${String(i).padStart(5, '0')}`, secret: '123' },
        headers: spoofed(i),
      });
      expect(res.status()).toBe(404);
    }
    const limited = await request.post('/api/portal/consulta', {
      data: { radicado: 'PQRS-2026-800099', secret: '123' },
      headers: spoofed(50),
    });
    expect(limited.status()).toBe(429);

    const filer = freshIp();
    for (let i = 0; i < 20; i += 1) {
      const res = await request.post('/api/portal/radicar', {
        multipart: { ...validFiling, hasConsent: 'false' },
        headers: { 'X-Forwarded-For': `${freshIp()}, ${filer}` },
      });
      expect(res.status()).toBe(422);
    }
    const refused = await request.post('/api/portal/radicar', {
      multipart: validFiling,
      headers: { 'X-Forwarded-For': `${freshIp()}, ${filer}` },
    });
    expect(refused.status()).toBe(429);
    nothingWritten();
  });

  test('guesses at one case block each guessing address, never the petitioner (issue 13 §2)', async ({
    request,
  }) => {
    const created = await file(request, freshIp(), {
      ...validFiling,
      'customer.documentNumber': '52000111',
    });
    expect(created.status()).toBe(201);
    const { radicado } = (await created.json()) as { radicado: string };
    const guesser = freshIp();
    for (let i = 0; i < 5; i += 1) {
      expect((await lookup(request, guesser, radicado, `1000${i}`)).status()).toBe(404);
    }
    expect((await lookup(request, guesser, radicado, '52000111')).status()).toBe(429);
    expect((await lookup(request, freshIp(), radicado, '52.000.111')).status()).toBe(200);
  });

  test('markup in a description is shown as inert text', async ({ page }) => {
    const ip = freshIp();
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
    const payload =
      '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> fin del texto';
    const res = await file(page.request, ip, {
      ...validFiling,
      'customer.documentNumber': '1099888777',
      description: `Texto con marcado: ${payload}`,
    });
    expect(res.status()).toBe(201);
    const { radicado } = await res.json();
    await page.goto(`/consulta/${radicado}`);
    await expect(page.getByText(`Texto con marcado: ${payload}`)).toBeVisible();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(caseByRadicado(radicado).description).toContain('<script>');
  });
});

test.describe('A petitioner can never read another case', () => {
  test('the cookie for one case does not open another, even when moved onto its path', async ({
    page,
  }) => {
    const ip = freshIp();
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
    const mine = await (
      await file(page.request, ip, { ...validFiling, 'customer.documentNumber': '41555666' })
    ).json();
    const theirs = await (
      await file(page.context().request, freshIp(), {
        ...validFiling,
        typeCode: 'P',
        'customer.documentNumber': '41777888',
      })
    ).json();
    // Filing the second case handed this browser its cookie too: start over with only mine.
    const cookies = await page.context().cookies();
    const myCookie = cookies.find((c) => c.path === `/consulta/${mine.radicado}`)!;
    await page.context().clearCookies();
    await page.context().addCookies([myCookie]);

    await page.goto(`/consulta/${mine.radicado}`);
    await expect(
      page.getByRole('heading', { level: 1, name: `Su caso ${mine.radicado}` }),
    ).toBeVisible();

    await page.goto(`/consulta/${theirs.radicado}`);
    await expect(page).toHaveURL(/\/consulta\?error=session$/);
    await expect(page.getByText('Por seguridad, su acceso al caso terminó.')).toBeVisible();

    await page.context().addCookies([{ ...myCookie, path: `/consulta/${theirs.radicado}` }]);
    await page.goto(`/consulta/${theirs.radicado}`);
    await expect(page).toHaveURL(/\/consulta\?error=session$/);
    await page.goto(`/consulta/${theirs.radicado}/constancia`);
    await expect(page).toHaveURL(/\/consulta\?error=session$/);
  });

  test('a tampered e-mail link opens nothing', async ({ page }) => {
    await page.goto('/consulta/acceso?token=eyJjIjoxfQ.Zm9yZ2Vk');
    await expect(page).toHaveURL(/\/consulta\?error=link$/);
    await expect(page.getByText('El enlace ya no es válido.')).toBeVisible();
  });
});
