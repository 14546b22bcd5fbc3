import { randomInt } from 'node:crypto';
import { caseByRadicado, queryDb } from './support/db';
import { createStaff, expect, openAction, runVerb, signInAs, test } from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.7.${randomInt(256)}.${randomInt(1, 255)}` },
});

test('a public reply reaches the petitioner once, as written, and the composer empties', async ({
  page,
}) => {
  const agent = createStaff({ name: 'Camila Duarte', teamName: 'Facturación' });
  const filed = runVerb<{ id: number; radicado: string }>('file-case', {
    actor: { role: 'customer', id: null, caseId: null },
    input: {
      typeCode: 'R',
      channel: 'web',
      subject: `Cobro doble ${agent.id}`,
      description: 'Me cobraron dos veces la cuota de marzo.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber: `73${agent.id}0001`,
        fullName: 'Julián Mora',
        email: `julian.${agent.id}@example.co`,
      },
    },
  });
  await signInAs(page, agent);
  await page.goto(`/casos/${filed.radicado}`);
  await page.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('En trámite');

  const form = await openAction(page, 'Responder al peticionario (mensaje)');
  const text = form.getByLabel('Texto');
  await text.fill(
    'Revisamos su cuenta de marzo.\n\nEl cobro repetido se reversa en la próxima factura.',
  );
  // An impatient double click: the message is sent once.
  await form.getByRole('button', { name: 'Responder al peticionario (mensaje)' }).dblclick();
  await expect(text).toHaveValue('');

  const { id } = caseByRadicado(filed.radicado);
  const replies = queryDb<{ n: number }>(
    "select count(*) as n from case_events where case_id = ? and action = 'reply'",
    id,
  );
  expect(replies[0]!.n).toBe(1);
  const mails = queryDb<{ to_address: string; subject: string; body_html: string }>(
    "select to_address, subject, body_html from outbox where case_id = ? and kind = 'reply'",
    id,
  );
  expect(mails).toHaveLength(1);
  expect(mails[0]).toMatchObject({
    to_address: `julian.${agent.id}@example.co`,
    subject: `Mensaje sobre su solicitud ${filed.radicado}`,
  });
  expect(mails[0]!.body_html).toContain('<p>Revisamos su cuenta de marzo.</p>');
  expect(mails[0]!.body_html).toContain(
    '<p>El cobro repetido se reversa en la próxima factura.</p>',
  );
});
