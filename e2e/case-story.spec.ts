import { randomInt } from 'node:crypto';
import { caseByRadicado, queryDb } from './support/db';
import { PDF } from './support/files';
import {
  createStaff,
  expect,
  expectAccessible,
  runVerb,
  signInAs,
  snapBoth,
  test,
  showIn,
  type StaffFixture,
} from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.9.${randomInt(256)}.${randomInt(1, 255)}` },
});

interface Story {
  agent: StaffFixture;
  radicado: string;
  relatedRadicado: string;
  caseId: number;
  act: (input: object) => unknown;
}

const ANSWER = {
  action: 'answer',
  decision: 'concede',
  body: 'Revisamos su cuenta: el cobro de marzo estaba repetido.\n\nLo reversamos en la próxima factura.',
};

/** A Reclamo taken, classified and related to another case, through the real verbs. */
function caseInProgress(): Story {
  const admin = createStaff({ role: 'admin' });
  const agent = createStaff({ name: 'Camila Duarte', teamName: 'Facturación' });
  const fileFor = (n: number, subject: string) =>
    runVerb<{ id: number; radicado: string }>('file-case', {
      actor: { role: 'customer', id: null, caseId: null },
      input: {
        typeCode: 'R',
        channel: 'web',
        subject,
        description: 'En la factura de marzo me cobraron dos veces la cuota de mantenimiento.',
        hasConsent: true,
        customer: {
          documentType: 'CC',
          documentNumber: `74${agent.id}000${n}`,
          fullName: 'Julián Mora',
          email: `julian.${agent.id}.${n}@example.co`,
        },
      },
    });
  const main = fileFor(1, `Cobro doble de marzo ${agent.id}`);
  const related = fileFor(2, `Cobro doble de abril ${agent.id}`);
  const process = runVerb<{ id: number; rootCauseIds: number[] }>('create-process', {
    actor: { role: 'admin', id: admin.id, teamId: null },
    input: { name: `Facturación ${agent.id}`, rootCauses: ['Lectura de medidor errada'] },
  });
  const act = (input: object) =>
    runVerb('apply-action', {
      actor: { role: 'agent', id: agent.id, teamId: agent.teamId },
      caseId: main.id,
      input,
    });
  act({ action: 'take' });
  act({ action: 'reclassify', processId: process.id, rootCauseId: process.rootCauseIds[0] });
  act({ action: 'link', relatedCaseId: related.id });
  return {
    agent,
    radicado: main.radicado,
    relatedRadicado: related.radicado,
    caseId: main.id,
    act,
  };
}

function answeredCase(): Story {
  const story = caseInProgress();
  story.act(ANSWER);
  return story;
}

test('the staff case page tells the whole story', async ({ page }) => {
  const story = answeredCase();
  await signInAs(page, story.agent);
  await page.goto(`/casos/${story.radicado}`);

  const classification = page.getByTestId('classification');
  await expect(classification).toContainText('Reclamo');
  await expect(classification).toContainText('Lectura de medidor errada');
  await expect(classification).toContainText('Sin clasificar'); // no category chosen

  const related = page
    .getByTestId('related-cases')
    .getByRole('link', { name: story.relatedRadicado });
  await expect(related).toHaveAttribute('href', `/casos/${story.relatedRadicado}`);

  // The outbox sender (every second in e2e) delivers the constancia and the answer: reload until sent.
  const messages = page.getByTestId('case-messages');
  await expect(async () => {
    await page.reload();
    await expect(messages.getByRole('listitem')).toHaveCount(2, { timeout: 1000 });
    await expect(messages.getByText('Enviado', { exact: true })).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(messages).toContainText('Constancia de radicación');
  await expect(messages).toContainText('Respuesta de fondo');
  await expect(messages).toContainText(`julian.${story.agent.id}.1@example.co`);

  const result = page.getByTestId('answer-result');
  await expect(result.getByTestId('answer-on-time')).toHaveText('A tiempo');
  await expectAccessible(page);
  await snapBoth(page, 'case-story-staff-es');

  await showIn(page, 'en');
  await page.reload();
  await expect(page.getByTestId('case-messages')).toContainText('Filing receipt');
  await expect(page.getByTestId('answer-on-time')).toHaveText('On time');
  await expectAccessible(page);
  await snapBoth(page, 'case-story-staff-en');
});

test('the petitioner sees an information request, then the answer, first; files go both ways', async ({
  page,
}) => {
  const story = caseInProgress();
  story.act({ action: 'request_info', body: 'Por favor adjunte la factura de marzo.' });
  const [mail] = queryDb<{ body_text: string }>(
    "select body_text from outbox where case_id = ? and kind = 'info_request'",
    caseByRadicado(story.radicado).id,
  );
  const link = /http:\/\/localhost:\d+\/consulta\/acceso\?token=[^\s]+/.exec(mail!.body_text)?.[0];
  expect(link).toBeDefined();
  await page.goto(link!);

  // The open request comes first, with its reply box right under it.
  const request = page.getByTestId('info-request');
  await expect(request).toContainText('Por favor adjunte la factura de marzo.');
  await expectAccessible(page);
  await snapBoth(page, 'case-story-portal-request-es');
  await request.getByLabel('Su respuesta').fill('Adjunto la factura de marzo.');
  await request
    .getByLabel('Archivos (opcional)')
    .setInputFiles({ name: 'factura-marzo.pdf', mimeType: 'application/pdf', buffer: PDF });
  await request.getByRole('button', { name: 'Enviar información' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');
  await expect(page.getByRole('link', { name: 'Descargar factura-marzo.pdf' })).toBeVisible();

  story.act(ANSWER);
  await page.reload();
  const answer = page.getByTestId('answer');
  await expect(answer.getByRole('heading', { name: 'Respuesta a su solicitud' })).toBeVisible();
  await expect(answer).toContainText('Decisión: se concede');
  await expect(answer).toContainText('Lo reversamos en la próxima factura.');
  const history = page.getByRole('heading', { name: 'Historial', exact: true });
  const [answerBox, historyBox] = [await answer.boundingBox(), await history.boundingBox()];
  expect(answerBox!.y).toBeLessThan(historyBox!.y);
  await expectAccessible(page);
  await snapBoth(page, 'case-story-portal-es');

  await showIn(page, 'en');
  await page.reload();
  await expect(
    page.getByTestId('answer').getByRole('heading', { name: 'Answer to your request' }),
  ).toBeVisible();
  await expectAccessible(page);
  await snapBoth(page, 'case-story-portal-en');

  // Staff see the petitioner's file in the timeline: name, type and size, with its download address.
  await page.context().clearCookies();
  await signInAs(page, story.agent);
  await page.goto(`/casos/${story.radicado}`);
  const file = page.getByRole('link', { name: 'Descargar factura-marzo.pdf' });
  await expect(file).toHaveAttribute(
    'href',
    new RegExp(`^/api/casos/${story.caseId}/adjuntos/\\d+$`),
  );
  await expect(file.locator('xpath=..')).toContainText(`PDF · ${PDF.length} B`);
  await snapBoth(page, 'case-story-staff-files-es');
});
