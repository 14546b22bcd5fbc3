import { randomInt } from 'node:crypto';
import { E2E_ENV } from './support/env';
import { createStaff, expect, mailText, runVerb, test } from './support/fixtures';
import { rawCodesOn } from './support/raw-codes';

/**
 * What a petitioner reads (issue 17 §2): every portal page, their answered case among them, shows
 * labels, never a stored code, in Spanish and English.
 */
test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.52.${randomInt(256)}.${randomInt(1, 255)}` },
});

test('no portal page shows a stored code to a petitioner, in both languages', async ({ page }) => {
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

  const pages = [
    '/',
    '/radicar',
    '/consulta',
    '/respuestas',
    `/consulta/${filed.radicado}`,
    `/consulta/${filed.radicado}/constancia`,
  ];
  for (const locale of ['es', 'en'] as const) {
    await page
      .context()
      .addCookies([{ name: 'NEXT_LOCALE', value: locale, url: E2E_ENV.NEXTAUTH_URL }]);
    for (const url of pages) {
      const response = await page.goto(url);
      expect([url, response?.status()]).toEqual([url, 200]);
      expect([url, await rawCodesOn(page)]).toEqual([url, []]);
    }
  }
});
