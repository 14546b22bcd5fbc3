import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as cases from '@/app/api/v1/cases/route';
import * as oneCase from '@/app/api/v1/cases/[radicado]/route';
import * as messages from '@/app/api/v1/cases/[radicado]/messages/route';
import { verifyAuditChain } from '../admin/audit-verify';
import { makeCtx } from '../core/context';
import {
  apiPost,
  BASE,
  check,
  FILING,
  fire,
  openFuzzWorld,
  params,
  peer,
  runs,
  stringify,
  type FuzzWorld,
} from '../testing/fuzz-harness';
import {
  anyJson,
  apiAttachments,
  brokenJson,
  headerText,
  nearly,
  pathParam,
  segment,
} from '../testing/fuzz-inputs';
import { signBody } from './signature';

/**
 * Issue 13: malformed inputs at the intake API (/api/v1) through its real route handlers: bad or
 * missing keys, signatures and timestamps, valid signatures over malformed bodies, bad
 * idempotency keys, radicados of every shape. Never a 5xx, a refusal writes nothing, nothing is
 * half-written, and the audit chain still verifies afterwards.
 */
vi.mock('next-intl/server', async () => {
  const { serverTranslator } = await import('../notices/translator');
  return { getTranslations: async () => serverTranslator('es') };
});

let world: FuzzWorld;
beforeAll(async () => {
  world = await openFuzzWorld(cases.POST);
});
afterAll(() => world.close());

const withFiles = ([body, files]: [unknown, unknown]) =>
  files !== undefined && body !== null && typeof body === 'object' && !Array.isArray(body)
    ? { ...body, attachments: files }
    : body;
const files = fc.option(apiAttachments, { nil: undefined, freq: 2 });

/** A body as text: the valid one, one with parts wrong, JSON cut short, or any JSON at all. */
const apiBody = (base: unknown) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.tuple(fc.constant(base), files).map(withFiles).map(stringify) },
    { weight: 6, arbitrary: fc.tuple(nearly(base), files).map(withFiles).map(stringify) },
    { weight: 2, arbitrary: brokenJson(base) },
    { weight: 1, arbitrary: anyJson.map(stringify) },
  );

/** How a call presents itself: key, signature, idempotency key, content type, language. */
const apiHeaders = fc.record({
  key: fc.constantFrom(
    ...(['none', 'garbage', 'x-api-key', 'plain', 'plain', 'plain'] as const),
    ...(['signed', 'signed', 'signed'] as const),
  ),
  garbage: headerText,
  signature: fc.constantFrom(
    ...(['valid', 'valid', 'valid', 'valid'] as const),
    ...(['none', 'stale', 'future', 'wrong', 'garbage'] as const),
  ),
  idempotency: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: headerText },
    { weight: 1, arbitrary: fc.constant('fuzz-reused') },
  ),
  type: fc.constantFrom(
    'application/json',
    'application/json',
    'text/plain',
    '',
    'multipart/form-data',
  ),
  language: fc.constantFrom('es', 'en-US', '', 'zz;q=0.1'),
});
type ApiHeaders = typeof apiHeaders extends fc.Arbitrary<infer T> ? T : never;

function apiRequest(url: string, method: 'GET' | 'POST', raw: string, h: ApiHeaders): Request {
  const headers: Record<string, string> = { ...peer(world), 'accept-language': h.language };
  if (h.type) headers['content-type'] = h.type;
  if (h.idempotency !== null) headers['idempotency-key'] = h.idempotency;
  const signed = world.signedKeys[world.sent % world.signedKeys.length]!;
  const plain = world.plainKeys[world.sent % world.plainKeys.length]!;
  if (h.key === 'garbage') headers.authorization = `Bearer ${h.garbage}`;
  if (h.key === 'x-api-key') headers['x-api-key'] = plain;
  if (h.key === 'plain') headers.authorization = `Bearer ${plain}`;
  if (h.key === 'signed') headers.authorization = `Bearer ${signed.key}`;
  const now = Math.floor(Date.now() / 1000);
  const signature = {
    valid: signBody(signed.secret, raw, now),
    stale: signBody(signed.secret, raw, now - 3_600),
    future: signBody(signed.secret, raw, now + 3_600),
    wrong: signBody('whsec_wrong', raw, now),
    garbage: h.garbage,
    none: undefined,
  }[h.signature];
  if (signature !== undefined) headers['x-ventanilla-signature'] = signature;
  return new Request(url, { method, headers, ...(method === 'GET' ? {} : { body: raw }) });
}

describe('fuzzing the intake API (issue 13)', () => {
  it('POST /api/v1/cases: bad keys, signatures, idempotency keys and bodies never give a 5xx', async () => {
    await check(fc.tuple(apiHeaders, apiBody(FILING)), runs(300), ([h, raw]) =>
      fire(world, `POST /api/v1/cases ${stringify(h)} ${raw.slice(0, 200)}`, () =>
        cases.POST(apiRequest(`${BASE}/api/v1/cases`, 'POST', raw, h)),
      ),
    );
  });

  it('/api/v1/cases/{radicado} and its messages: every shape of radicado and body', async () => {
    const shot = fc.tuple(
      fc.boolean(),
      pathParam(world.radicados, 8),
      apiHeaders,
      apiBody({ body: 'Adjunto el recibo que me pidieron.' }),
    );
    await check(shot, runs(300), ([isPost, radicado, h, raw]) => {
      const url = `${BASE}/api/v1/cases/${segment(radicado)}`;
      return isPost
        ? fire(world, `POST messages ${radicado} ${stringify(h)} ${raw.slice(0, 200)}`, () =>
            messages.POST(apiRequest(`${url}/messages`, 'POST', raw, h), params({ radicado })),
          )
        : fire(world, `GET case ${radicado} ${stringify(h)}`, () =>
            oneCase.GET(apiRequest(url, 'GET', '', h), params({ radicado })),
          );
    });
  });

  it('afterwards a valid filing still succeeds, and the audit chain still verifies', async () => {
    const body = JSON.stringify({
      ...FILING,
      customer: { ...FILING.customer, documentNumber: '777' },
    });
    const filed = await cases.POST(apiPost(`${BASE}/api/v1/cases`, world.plainKeys[1]!, body));
    expect(filed.status, await filed.clone().text()).toBe(201);
    const admin = { role: 'admin', id: 1, teamId: null } as const;
    expect(await verifyAuditChain(makeCtx(world.db, admin))).toMatchObject({ intact: true });
    expect(world.statuses.get('POST /api/v1/cases')?.[201]).toBeGreaterThan(0);
    expect(world.statuses.get('POST messages')?.[201]).toBeGreaterThan(0);
  });
});
