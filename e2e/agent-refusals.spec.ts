import { queryDb } from './support/db';
import { createStaff, expect, runVerb, signInAs, test } from './support/fixtures';

function fileCase(documentNumber: string) {
  return runVerb<{ id: number; radicado: string }>('file-case', {
    input: {
      typeCode: 'P',
      channel: 'phone',
      subject: 'Solicitud de cambio de titular',
      description: 'Pide que el servicio quede a nombre de su esposa desde este mes.',
      hasConsent: true,
      customer: {
        documentType: 'CC',
        documentNumber,
        fullName: 'Rosa Pinto',
        email: 'rosa@example.co',
      },
    },
  });
}

test.describe('The server refuses what the case page would not offer (403)', () => {
  test('another team’s case, an action the state does not allow, and a supervisor’s action', async ({
    page,
    request,
  }) => {
    const agent = createStaff({ name: 'Diana Cruz', teamName: 'Facturación' });
    const other = createStaff({ name: 'Óscar Vega', teamName: 'Entregas' });
    const theirs = fileCase(`61${agent.id}`);
    runVerb('apply-action', {
      caseId: theirs.id,
      input: { action: 'take' },
      actor: { role: 'agent', id: other.id, teamId: other.teamId },
    });
    const mine = fileCase(`62${agent.id}`);

    await signInAs(page, agent);
    const act = (caseId: number, data: unknown) =>
      page.request.post(`/api/casos/${caseId}/acciones`, { data });

    const foreign = await act(theirs.id, {
      action: 'note',
      body: 'Mirando el caso de otro equipo.',
    });
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).code).toBe('FORBIDDEN');

    const early = await act(mine.id, {
      action: 'answer',
      body: 'Respuesta sin trámite.',
      decision: 'concede',
    });
    expect(early.status()).toBe(403);
    expect(await early.json()).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'Esta acción no está permitida en el estado actual del caso.',
    });

    const assign = await act(mine.id, { action: 'assign', assigneeId: agent.id });
    expect(assign.status()).toBe(403);
    expect((await assign.json()).code).toBe('FORBIDDEN');

    const page404 = await page.goto(`/casos/${theirs.radicado}`);
    expect(page404?.status()).toBe(403);

    // The refusals changed nothing: the case is still at version 1 when its agent takes it.
    const taken = runVerb<unknown>('apply-action', {
      caseId: mine.id,
      input: { action: 'take' },
      actor: { role: 'agent', id: agent.id, teamId: agent.teamId },
    });
    expect(taken).toMatchObject({ from: 'radicada', to: 'en_tramite', version: 2 });

    const anonymous = await request.post(`/api/casos/${mine.id}/acciones`, {
      data: { action: 'take' },
    });
    expect(anonymous.status()).toBe(401);
  });
});

test('a write from another site is refused (403) and writes nothing, even with the session cookie', async ({
  page,
}) => {
  const agent = createStaff({ name: 'Iván Ruiz', teamName: 'Facturación' });
  const mine = fileCase(`64${agent.id}`);
  runVerb('apply-action', {
    caseId: mine.id,
    input: { action: 'take' },
    actor: { role: 'agent', id: agent.id, teamId: agent.teamId },
  });
  await signInAs(page, agent);
  const notes = () =>
    queryDb("select id from case_events where case_id = ? and action = 'note'", mine.id).length;
  // What a foreign page's form can send without asking: text/plain, its own Origin.
  const forged = await page.request.post(`/api/casos/${mine.id}/acciones`, {
    headers: {
      'Content-Type': 'text/plain',
      Origin: 'https://atacante.example',
      'Sec-Fetch-Site': 'cross-site',
    },
    data: JSON.stringify({ action: 'note', body: 'Escrito desde otro sitio.' }),
  });
  expect(forged.status()).toBe(403);
  // The same body as text/plain from our own origin is not accepted either (415).
  const plain = await page.request.post(`/api/casos/${mine.id}/acciones`, {
    headers: { 'Content-Type': 'text/plain' },
    data: JSON.stringify({ action: 'note', body: 'Texto plano.' }),
  });
  expect(plain.status()).toBe(415);
  expect(notes()).toBe(0);
  // As JSON from the app itself it goes through.
  const own = await page.request.post(`/api/casos/${mine.id}/acciones`, {
    data: { action: 'note', body: 'Nota legítima.' },
  });
  expect(own.status()).toBe(200);
  expect(notes()).toBe(1);
});

test('a server action posted from another site is a 403, not a 500, and changes nothing', async ({
  page,
}) => {
  const agent = createStaff({ name: 'Lina Mora', teamName: 'Facturación' });
  const open = fileCase(`65${agent.id}`);
  await signInAs(page, agent);
  await page.goto(`/casos/${open.radicado}`);
  // The page's own "take" request, held back before it reaches the server.
  let held: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (request.method() === 'POST' && request.headers()['next-action']) {
      held = { url: request.url(), headers: request.headers(), body: request.postDataBuffer()! };
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await page.getByRole('button', { name: 'Tomar el caso' }).click();
  await expect.poll(() => held).toBeDefined();
  const state = () =>
    queryDb<{ state: string }>('select state from cases where id = ?', open.id)[0]?.state;

  const forged = await page.request.post(held!.url, {
    headers: { ...held!.headers, origin: 'https://atacante.example' },
    data: held!.body,
  });
  expect(forged.status()).toBe(403);
  const crossSite = await page.request.post(held!.url, {
    headers: { ...held!.headers, 'sec-fetch-site': 'cross-site' },
    data: held!.body,
  });
  expect(crossSite.status()).toBe(403);
  expect(state()).toBe('radicada');
  // The same request from the app itself is the real action: it takes the case.
  const own = await page.request.post(held!.url, { headers: held!.headers, data: held!.body });
  expect(own.status()).toBe(200);
  expect(state()).toBe('en_tramite');
});
