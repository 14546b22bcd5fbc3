import { expect, test } from '@playwright/test';
import { mintSessionToken, SESSION_COOKIE } from '@/lib/server/auth/minted-session';
import { BACKING_URL, PORTS, SECRET } from './env';

/**
 * Every staff page and every CSV export answers on PostgreSQL (issue 18): the reads that had only
 * SQLite's statements (quality, root causes, reports, drill-downs, personal data, exports, the
 * audit history) run on the shared database, half of them on each instance.
 */
const INSTANCES = [`http://localhost:${PORTS.first}`, `http://localhost:${PORTS.second}`];

const PAGES = [
  '/casos',
  '/casos/buscar?q=factura',
  '/casos/analogas',
  '/casos/radicar',
  '/tablero',
  '/calidad',
  '/calidad/casos?quadrant=late_badly',
  '/calidad/revision',
  '/causas',
  '/causas/casos',
  '/causas/problemas',
  '/causas/problemas/nuevo',
  '/informes',
  '/correo',
  '/correo/cuarentena',
  '/avisos',
  '/avisos/preferencias',
  '/admin',
  '/admin/auditoria',
  '/admin/buzones',
  '/admin/calendario',
  '/admin/canales',
  '/admin/catalogos',
  '/admin/datos-personales?q=Restrepo',
  '/admin/enrutamiento',
  '/admin/organizacion',
  '/admin/personas',
  '/admin/plantillas',
  '/admin/tipos',
];

const EXPORTS = [
  '/api/casos/export',
  '/api/informes/pqrs.csv',
  '/api/causas/casos.csv',
  '/api/calidad/casos.csv?quadrant=on_time_well',
  '/api/admin/auditoria',
];

test('every staff page and CSV export answers on PostgreSQL, on either instance', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const response = await fetch(`${BACKING_URL}/staff`, {
    method: 'POST',
    body: JSON.stringify({ name: 'Lucía Arango', teamName: 'Dirección', role: 'admin' }),
  });
  const admin = (await response.json()) as {
    id: number;
    email: string;
    name: string;
    role: 'admin';
    teamId: number;
  };
  const context = await browser.newContext();
  const token = await mintSessionToken(admin, SECRET);
  await context.addCookies(
    INSTANCES.map((url) => ({
      name: SESSION_COOKIE,
      value: token,
      url,
      httpOnly: true,
      sameSite: 'Lax' as const,
    })),
  );
  const page = await context.newPage();
  for (const [i, path] of PAGES.entries()) {
    const url = `${INSTANCES[i % 2]}${path}`;
    const answer = await page.goto(url);
    expect(answer?.status(), url).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).first(), url).toBeVisible();
    await expect(page.getByText('Algo salió mal'), url).toHaveCount(0);
  }
  for (const [i, path] of EXPORTS.entries()) {
    const url = `${INSTANCES[i % 2]}${path}`;
    const answer = await context.request.get(url);
    expect(answer.status(), url).toBe(200);
    expect(answer.headers()['content-type'], url).toContain('text/csv');
    // A header row at least, and a stream that ended (a failed stream cuts the body short).
    expect((await answer.text()).split('\n')[0]!.length, url).toBeGreaterThan(10);
  }
});
