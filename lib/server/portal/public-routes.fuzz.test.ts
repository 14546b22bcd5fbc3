import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as acceso from '@/app/(portal)/consulta/acceso/route';
import * as adjunto from '@/app/(portal)/consulta/[radicado]/adjuntos/[id]/route';
import * as consulta from '@/app/api/portal/consulta/route';
import * as radicar from '@/app/api/portal/radicar/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import * as cases from '@/app/api/v1/cases/route';
import { one } from '@/db/rows';
import { cases as casesTable } from '@/db/tables';
import {
  BASE,
  check,
  FILING,
  fire,
  FORM,
  openFuzzWorld,
  params,
  peer,
  runs,
  stringify,
  type FuzzWorld,
} from '../testing/fuzz-harness';
import {
  brokenJson,
  headerText,
  nearly,
  pathParam,
  queryString,
  SAMPLE_FILES,
  sampleFile,
  segment,
} from '../testing/fuzz-inputs';
import { halfWritten } from '../testing/integrity';
import { signCaseAccess } from './portal-access';

/**
 * Issue 13: malformed inputs at the portal's public routes through their real handlers: the
 * filing form (broken multipart, missing boundaries, wrong and empty files, fields of every type),
 * the look-up, the e-mailed link and the file download (hostile paths, queries and cookies).
 * Never a 5xx, a refusal writes nothing, nothing is half-written; valid inputs still work after.
 */
const jar = vi.hoisted(() => ({ cookie: undefined as string | undefined }));
vi.mock('next-intl/server', async () => {
  const { serverTranslator } = await import('../notices/translator');
  return { getTranslations: async () => serverTranslator('es') };
});
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.cookie === undefined ? undefined : { name, value: jar.cookie }),
  }),
  headers: async () => new Headers(),
}));

let world: FuzzWorld;
beforeAll(async () => {
  world = await openFuzzWorld(cases.POST);
});
afterAll(() => world.close());

/** The public filing form's body: near-valid fields and files, then broken as a client might. */
const portalFiling = fc.record({
  fields: nearly(FORM, 12),
  files: fc.array(sampleFile, { maxLength: 6 }),
  shape: fc.constantFrom(
    ...([
      'multipart',
      'multipart',
      'multipart',
      'multipart',
      'noBoundary',
      'wrongBoundary',
    ] as const),
    ...(['truncated', 'garbled', 'urlencoded', 'json', 'text', 'none'] as const),
  ),
  cut: fc.nat(),
  origin: fc.constantFrom(null, null, BASE, BASE, BASE, 'https://evil.example', 'null'),
  site: fc.constantFrom(null, null, null, 'same-origin', 'same-origin', 'cross-site', 'none'),
});

type PortalFiling = typeof portalFiling extends fc.Arbitrary<infer T> ? T : never;

const asFields = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { value };
const asText = (value: unknown) => (typeof value === 'string' ? value : stringify(value));

async function portalRequest(p: PortalFiling): Promise<Request> {
  const form = new FormData();
  for (const [key, value] of Object.entries(asFields(p.fields))) {
    if (value !== undefined) form.append(key, asText(value));
  }
  for (const f of p.files)
    form.append('attachments', new File([Buffer.from(SAMPLE_FILES[f.kind]!)], f.name));
  const encoded = new Response(form);
  let type = encoded.headers.get('content-type')!;
  let body: Uint8Array<ArrayBuffer> | string = new Uint8Array(await encoded.arrayBuffer());
  if (p.shape === 'noBoundary') type = 'multipart/form-data';
  if (p.shape === 'wrongBoundary') type = 'multipart/form-data; boundary=----nope';
  if (p.shape === 'truncated') body = body.subarray(0, p.cut % (body.byteLength + 1));
  if (p.shape === 'garbled') body = body.map((b, i) => (i % 7 === p.cut % 7 ? b ^ 0x5a : b));
  if (p.shape === 'urlencoded' || p.shape === 'json' || p.shape === 'text') {
    const fields = asFields(p.fields);
    body =
      p.shape === 'json'
        ? stringify(p.fields)
        : new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, asText(v)])).toString();
    type = {
      urlencoded: 'application/x-www-form-urlencoded',
      json: 'application/json',
      text: 'text/plain',
    }[p.shape];
  }
  const headers: Record<string, string> = { ...peer(world) };
  if (p.shape !== 'none') headers['content-type'] = type;
  if (p.origin) headers.origin = p.origin;
  if (p.site) headers['sec-fetch-site'] = p.site;
  return new Request(`${BASE}/api/portal/radicar`, {
    method: 'POST',
    headers,
    body: p.shape === 'none' ? null : body,
  });
}

/**
 * Each property runs a fixed number of inputs, every one counted and checked before and after: on
 * PostgreSQL, each check's reads are round trips, and 250 filings took 12-30 s on a busy 2-core
 * machine (SQLite: 12 s), past vitest's default 30 s.
 */
const FUZZ_TIMEOUT_MS = 90_000;

describe('fuzzing the portal (issue 13)', () => {
  it(
    'POST /api/portal/radicar: broken multipart, wrong files and fields never give a 5xx',
    async () => {
      await check(portalFiling, runs(250), async (p) => {
        const request = await portalRequest(p);
        await fire(
          world,
          `radicar ${p.shape} ${stringify(p.fields).slice(0, 300)} ${stringify(p.files)}`,
          () => radicar.POST(request),
        );
      });
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'POST /api/portal/consulta: look-ups of every shape never give a 5xx',
    async () => {
      const base = { radicado: world.radicados[0], secret: FILING.customer.documentNumber };
      const shot = fc.tuple(
        fc.oneof(
          { weight: 4, arbitrary: nearly(base, 4).map(stringify) },
          { weight: 1, arbitrary: brokenJson(base) },
        ),
        fc.constantFrom(
          'application/json',
          'application/json',
          'text/plain',
          'multipart/form-data',
          '',
        ),
      );
      await check(shot, runs(150), ([raw, type]) =>
        fire(world, `consulta ${type} ${raw.slice(0, 300)}`, () =>
          consulta.POST(
            new Request(`${BASE}/api/portal/consulta`, {
              method: 'POST',
              headers: { ...peer(world), ...(type ? { 'content-type': type } : {}) },
              body: raw,
            }),
          ),
        ),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'public GETs: links, files and the contract with hostile paths, queries and cookies',
    async () => {
      const caseId = (await one(world.db.select({ id: casesTable.id }).from(casesTable))).id;
      const cookies = fc.oneof(
        fc.constant(undefined),
        headerText,
        fc.constant(signCaseAccess(caseId, new Date(Date.now() + 3_600_000), 'cookie')),
      );
      const shot = fc.tuple(
        fc.constantFrom('acceso', 'adjunto', 'adjunto', 'openapi'),
        queryString,
        pathParam(world.radicados),
        pathParam(['1', '2', '0', '-1', '1e3', '99999999999999999999']),
        cookies,
      );
      await check(shot, runs(200), ([target, query, radicado, id, cookie]) => {
        jar.cookie = cookie;
        const get = (url: string) =>
          new Request(`${BASE}${url}?${query}`, { headers: peer(world) });
        return fire(world, `GET ${target} ${radicado} ${id} ?${query} cookie=${cookie}`, () => {
          if (target === 'acceso') return acceso.GET(get('/consulta/acceso'));
          if (target === 'openapi') return openapi.GET(get('/api/v1/openapi.json'));
          const url = `/consulta/${segment(radicado)}/adjuntos/${segment(id)}`;
          return adjunto.GET(get(url), params({ radicado, id }));
        });
      });
      jar.cookie = undefined;
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('the portal after the fuzzing (issue 13)', () => {
  it('a valid filing and its look-up still succeed, and nothing is half-written', async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(FORM)) form.set(key, value);
    form.set('customer.documentNumber', '99887766');
    form.append('attachments', new File([Buffer.from(SAMPLE_FILES.pdf!)], 'factura.pdf'));
    const filed = await radicar.POST(
      new Request(`${BASE}/api/portal/radicar`, {
        method: 'POST',
        headers: { ...peer(world), origin: BASE },
        body: form,
      }),
    );
    expect(filed.status, await filed.clone().text()).toBe(201);
    const { radicado } = (await filed.json()) as { radicado: string };
    const lookup = await consulta.POST(
      new Request(`${BASE}/api/portal/consulta`, {
        method: 'POST',
        headers: { ...peer(world), 'content-type': 'application/json' },
        body: JSON.stringify({ radicado, secret: '99887766' }),
      }),
    );
    expect(lookup.status).toBe(200);
    expect(await halfWritten(world.db, world.uploads)).toEqual([]);
    expect(world.statuses.get('radicar multipart')?.[201]).toBeGreaterThan(0);
    expect(world.statuses.get('radicar multipart')?.[422]).toBeGreaterThan(0);
  });
});
