import { randomInt } from 'node:crypto';
import { createStaff, expect, mailText, runVerb, test } from './support/fixtures';
import { tour } from './support/page-tour';

/**
 * What a petitioner reads (issue 17): every portal page, their answered case among them, shows
 * labels, never a stored code, passes axe and fits 1366 and 360 px, in Spanish and English.
 */
test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.52.${randomInt(256)}.${randomInt(1, 255)}` },
});

test('every portal page shows labels, passes axe and fits both widths, in both languages', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    input: {
      typeCode: 'R',
      channel: 'web',
      subject: 'Cobro de reconexión sin corte',
      description: 'Me cobraron una reconexión aunque el servicio nunca fue suspendido.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `81${randomInt(100_000, 999_999)}`,
        fullName: 'Elena Quintero',
        email: 'elena@example.co',
      },
    },
  });
  const staff = createStaff({ teamName: 'Reconexiones' });
  const agent = { role: staff.role, id: staff.id, teamId: staff.teamId };
  const system = { role: 'system', id: null };
  for (const [input, actor] of [
    [{ action: 'take' }, agent],
    [{ action: 'request_info', body: 'Adjunte la factura con el cobro.' }, agent],
    [{ action: 'provide_info', body: 'Adjunto la factura de abril.' }, system],
    [
      { action: 'answer', body: 'Retiramos el cobro de reconexión.', decision: 'concede_parcial' },
      agent,
    ],
  ] as const) {
    runVerb('apply-action', { caseId: filed.id, input, actor });
  }
  const link = /https?:\/\/\S+\/consulta\/acceso\?\S+/.exec(mailText(filed.id, 'constancia'))?.[0];
  await page.goto(link!);
  await expect(page).toHaveURL(new RegExp(`/consulta/${filed.radicado}`));

  // A joint answer published on the portal (art. 22).
  const supervisor = createStaff({ role: 'supervisor' });
  const { groupId } = runVerb<{ groupId: number }>('tour-dataset', {
    supervisor: { id: supervisor.id, teamId: supervisor.teamId },
    agent,
  });
  const admin = createStaff({ role: 'admin' });
  const asAdmin = { id: admin.id, teamId: admin.teamId };
  runVerb('tour-transparency', { publish: true, admin: asAdmin });
  try {
    await tour(page, 'portal', [
      { url: '/', name: 'inicio' },
      { url: '/radicar', name: 'radicar' },
      { url: '/consulta', name: 'consulta' },
      { url: `/consulta/${filed.radicado}`, name: 'caso' },
      { url: `/consulta/${filed.radicado}/constancia`, name: 'constancia' },
      { url: '/respuestas', name: 'respuestas' },
      { url: `/respuestas/${groupId}`, name: 'respuesta-publicada' },
      { url: `/transparencia?semestre=${semesterInCourse()}`, name: 'transparencia' },
      { url: '/no-existe', name: 'no-encontrado', status: 404 },
    ]);
  } finally {
    runVerb('tour-transparency', { publish: false, admin: asAdmin });
  }

  // The radicado in the case's heading never breaks across lines, even on a phone.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/consulta/${filed.radicado}`);
  const number = page.locator('h1 .nowrap');
  await expect(number).toHaveText(filed.radicado);
  expect(await number.evaluate((el) => el.getClientRects().length)).toBe(1);

  // Staff sign in on a page of their own, seen before any session.
  const signedOut = await browser.newContext();
  await tour(await signedOut.newPage(), 'portal', [{ url: '/ingresar', name: 'ingresar' }]);
  await signedOut.close();
});

/**
 * The semester in course (`2026-2`): the tour reads its figures, not the last closed semester's,
 * which the server keeps for a while and reports.spec reads after seeding it.
 */
function semesterInCourse(): string {
  const today = new Date();
  return `${today.getFullYear()}-${today.getMonth() < 6 ? 1 : 2}`;
}
