import { expect, test, type Page } from '@playwright/test';
import { mintSessionToken, SESSION_COOKIE } from '@/lib/server/auth/minted-session';
import { openAction } from '../support/fixtures';
import { BACKING_URL, PORTS, SECRET } from './env';

/**
 * Two app servers on one PostgreSQL (issue 18 §5): a case filed on the first is worked on the
 * second, and the petitioner reads the answer back on the first. Both instances run the outbox
 * sender against the same SMTP server; every notice arrives there exactly once.
 */
const FIRST = `http://localhost:${PORTS.first}`;
const SECOND = `http://localhost:${PORTS.second}`;

interface Received {
  messageId: string;
  to: string;
  subject: string;
  text: string;
}
const mailbox = async (): Promise<Received[]> => (await fetch(`${BACKING_URL}/mail`)).json();
const mailTo = async (address: string) => (await mailbox()).filter((m) => m.to.includes(address));

async function fileOn(page: Page, email: string): Promise<string> {
  await page.goto(`${FIRST}/radicar`);
  await page.getByRole('radio', { name: /^Reclamo/ }).check();
  await page.getByLabel('Asunto *').fill('Cobro doble en la factura de mayo');
  await page
    .getByLabel('Descripción *')
    .fill('En la factura de mayo me cobraron dos veces el cargo fijo del servicio.');
  await page.getByLabel('Tipo de documento *').selectOption('CC');
  await page.getByLabel('Número de documento *').fill('1030555111');
  await page.getByLabel('Nombres y apellidos *').fill('Julián Restrepo Mejía');
  await page.getByLabel('Correo electrónico *').fill(email);
  await page.getByLabel(/Autorizo el tratamiento de mis datos personales/).check();
  await page.getByRole('button', { name: 'Radicar' }).click();
  await expect(page.getByRole('heading', { name: 'Constancia de radicación' })).toBeVisible();
  return (await page.getByTestId('radicado').textContent())!.trim();
}

test('a case filed on one instance is worked on the other, and each notice is mailed once', async ({
  browser,
}) => {
  const email = 'julian.restrepo@example.co';
  const petitioner = await (await browser.newContext()).newPage();
  const radicado = await fileOn(petitioner, email);

  // The filing's constancia arrives, sent by whichever instance's sender claimed it first.
  await expect.poll(async () => (await mailTo(email)).length, { timeout: 30_000 }).toBe(1);
  expect((await mailTo(email))[0]!.subject).toContain(radicado);

  // The agent works the case on the second instance.
  const response = await fetch(`${BACKING_URL}/staff`, {
    method: 'POST',
    body: JSON.stringify({ name: 'Camila Duque', teamName: 'Facturación' }),
  });
  const agent = (await response.json()) as {
    id: number;
    email: string;
    name: string;
    role: 'agent';
    teamId: number;
  };
  const staffContext = await browser.newContext();
  await staffContext.addCookies([
    {
      name: SESSION_COOKIE,
      value: await mintSessionToken(agent, SECRET),
      url: SECOND,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
  const staff = await staffContext.newPage();
  await staff.goto(`${SECOND}/casos/${radicado}`);
  await staff.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect(staff.getByTestId('case-state')).toHaveText('En trámite');
  const reply = await openAction(staff, 'Responder al peticionario (mensaje)');
  const replyText = 'Revisamos su factura de mayo: el segundo cargo fijo se reintegra en junio.';
  await reply.getByLabel('Texto').fill(replyText);
  await reply.getByRole('button', { name: 'Responder al peticionario (mensaje)' }).click();
  await expect(reply.getByLabel('Texto')).toHaveValue('');

  // The reply arrives once; after a few more rounds of both senders, still once.
  await expect.poll(async () => (await mailTo(email)).length, { timeout: 30_000 }).toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const delivered = await mailTo(email);
  expect(delivered).toHaveLength(2);
  expect(new Set(delivered.map((m) => m.messageId)).size).toBe(2);
  const replyMail = delivered.find((m) => m.text.includes(replyText));
  expect(replyMail?.subject).toContain(radicado);

  // The petitioner follows the mail's link to the first instance and reads the reply there.
  const link = /http:\/\/localhost:\d+\/consulta\/acceso\?token=\S+/.exec(replyMail!.text)?.[0];
  expect(link).toContain(`localhost:${PORTS.first}/`);
  await petitioner.goto(link!);
  await expect(
    petitioner.getByRole('heading', { level: 1, name: `Su caso ${radicado}` }),
  ).toBeVisible();
  await expect(petitioner.getByText(replyText)).toBeVisible();
  await expect(petitioner.getByText('En trámite')).toBeVisible();
});
