import { randomInt } from 'node:crypto';
import { caseByRadicado } from './support/db';
import {
  createStaff,
  expect,
  expectAccessible,
  mailText,
  runVerb,
  signInAs,
  snapBoth,
  test,
  showIn,
} from './support/fixtures';

/**
 * Analogous petitions (issue 16 §7, Ley 1755 art. 22): a supervisor groups eleven petitions on one
 * matter, answers them once, and each petitioner, following the link in the answer they were
 * mailed, sees that answer on their own portal page; the answer is published on the portal.
 */
test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.22.${randomInt(256)}.${randomInt(1, 255)}` },
});

const ANSWER =
  'El corte de agua del 10 de marzo se debió a la reparación del tubo madre. El servicio está restablecido y ese consumo no se cobrará.';

/** A word no other spec uses, so the search finds exactly this run's petitions. */
const marker = () =>
  Array.from({ length: 9 }, () => String.fromCharCode(97 + randomInt(26))).join('');

test('a supervisor groups 11 analogous petitions, answers once, and each petitioner sees it', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const word = marker();
  const filed = runVerb<{ id: number; radicado: string }[]>('file-cases', {
    inputs: Array.from({ length: 11 }, (_, i) => ({
      typeCode: 'P',
      channel: 'web',
      subject: `Corte de agua en Las Flores ${word} ${i + 1}`,
      description: `Pido explicación del corte de agua del 10 de marzo en el barrio Las Flores (${word}).`,
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `66${randomInt(100_000, 999_999)}${i}`,
        fullName: `Vecino ${i + 1} de Las Flores`,
        email: `vecino${i + 1}.${word}@example.co`,
      },
    })),
  });
  const supervisor = createStaff({ role: 'supervisor' });
  await signInAs(page, supervisor);

  await page.goto('/casos');
  await page.getByRole('link', { name: 'Peticiones análogas' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Peticiones análogas' })).toBeVisible();
  await page.getByLabel('Palabras de la materia').fill(word);
  await page.getByRole('button', { name: 'Buscar peticiones' }).click();
  await expect(page.getByTestId('candidate-count')).toContainText('11 peticiones abiertas');
  await page.getByLabel('Materia', { exact: true }).fill(`Corte de agua en Las Flores (${word})`);
  await expectAccessible(page);
  await snapBoth(page, `analogas-agrupar-es`);
  await page.getByRole('button', { name: 'Agrupar las peticiones marcadas' }).click();

  await expect(page).toHaveURL(/\/casos\/analogas\/\d+$/);
  const groupUrl = page.url();
  const groupId = Number(groupUrl.split('/').pop());
  await expect(page.getByTestId('group-members').getByRole('row')).toHaveCount(12);
  await page.getByLabel('Texto de la respuesta').fill(ANSWER);
  await page.getByLabel('Decisión').selectOption('informa');
  await page.getByRole('button', { name: 'Responder a todas' }).click();
  // Eleven answers, each with its letter, then the page shows the group answered.
  await expect(page.getByTestId('group-answer')).toHaveText(ANSWER, { timeout: 30_000 });

  // The outbox sender (every second in e2e) mails each answer: each case gets its own delivery.
  const members = page.getByTestId('group-members');
  await expect(async () => {
    await page.reload();
    await expect(members.getByText('Entregada el')).toHaveCount(11, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);
  await snapBoth(page, 'analogas-grupo-es');
  for (const { radicado } of filed) {
    expect(caseByRadicado(radicado)).toMatchObject({ state: 'respondida' });
  }

  // Each petitioner follows the link in the answer they were mailed.
  for (const [i, { id, radicado }] of filed.entries()) {
    const text = mailText(id, 'answer');
    expect(text).toContain(ANSWER);
    expect(text).toContain(`/respuestas/${groupId}`);
    const link = /https?:\/\/\S+\/consulta\/acceso\?\S+/.exec(text)?.[0];
    expect(link, radicado).toBeTruthy();
    const petitioner = await browser.newContext({
      extraHTTPHeaders: { 'X-Forwarded-For': `10.23.${randomInt(256)}.${i + 1}` },
    });
    const portal = await petitioner.newPage();
    await portal.goto(link!);
    await expect(portal).toHaveURL(new RegExp(`/consulta/${radicado}`));
    await expect(portal.getByTestId('answer')).toContainText(ANSWER);
    await expect(portal.getByTestId('answer')).toContainText('respuesta conjunta a 11 peticiones');
    if (i === 0) {
      await expectAccessible(portal);
      await snapBoth(portal, 'analogas-peticionario-es');
    }
    await petitioner.close();
  }

  // Published on the portal for anyone: the matter and the answer, never who asked.
  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  await pub.goto('/respuestas');
  await pub.getByRole('link', { name: `Corte de agua en Las Flores (${word})` }).click();
  await expect(pub.getByTestId('published-answer')).toHaveText(ANSWER);
  await expect(pub.getByText('Respuesta a 11 peticiones')).toBeVisible();
  await expect(pub.locator('body')).not.toContainText('Vecino 1 de Las Flores');
  await expectAccessible(pub);
  await snapBoth(pub, 'respuesta-publicada-es');
  await showIn(pub, 'en');
  await pub.reload();
  await expect(pub.getByText('Answer to 11 petitions')).toBeVisible();
  await snapBoth(pub, 'respuesta-publicada-en');
  await visitor.close();

  await showIn(page, 'en');
  await page.goto(groupUrl);
  await expect(page.getByRole('heading', { name: 'One answer' })).toBeVisible();
  await expectAccessible(page);
  await snapBoth(page, 'analogas-grupo-en');
  await page.goto(`/casos/analogas?q=${word}`);
  await expect(page.getByTestId('candidate-count')).toContainText('No open, ungrouped petition');
  await snapBoth(page, 'analogas-en');
});
