import { mapInOrder } from '../core/in-order';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, vi } from 'vitest';
import { closeDb, getDb, type Conn } from '@/db/client';
import { engineInUse } from '@/db/engine';
import { createApiKey, ensureIntakeChannel } from '../intake/keys';
import { signBody } from '../intake/signature';
import { seedFixture, type Fixture } from './fixtures';
import { SAMPLE_FILES } from './fuzz-inputs';
import { halfWritten, writtenCounts } from './integrity';
import { databaseTarget, openTestDb } from './test-db';

/**
 * The fuzz suites' world (issue 13): the real route handlers over the process database, pointed at
 * a fresh database (a SQLite file, or on PostgreSQL a test database) and upload folder, with API keys of two channels and a filed case in each.
 * Bounded and seeded: a failure names its seed, and `FUZZ_SEED=<seed>` reproduces it;
 * `FUZZ_SCALE=10` runs ten times the inputs for a longer hunt.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1);
export const runs = (n: number) => Math.max(1, Math.round(n * FUZZ_SCALE));

export const BASE = 'http://localhost:3000';

export const FILING = {
  typeCode: 'R',
  subject: 'Cobro doble en la factura',
  description: 'Me cobraron dos veces el servicio de marzo; solicito la devolución.',
  customer: {
    documentType: 'CC',
    documentNumber: '1020304050',
    fullName: 'Ana Pérez',
    email: 'ana@example.co',
  },
  hasConsent: true,
};

/** The public form's fields, as the page posts them. */
export const FORM = {
  typeCode: 'Q',
  subject: 'Atención en la oficina',
  description: 'El asesor no me quiso recibir los documentos de la solicitud.',
  hasConsent: 'true',
  isAnonymous: 'false',
  locale: 'es',
  onOpenCase: 'new',
  'customer.documentType': 'CC',
  'customer.documentNumber': '52123456',
  'customer.fullName': 'Luz Gómez',
  'customer.email': 'luz@example.co',
};

export interface FuzzWorld {
  db: Conn;
  /** Teams, staff and processes (testing/fixtures.ts). */
  staff: Fixture;
  uploads: string;
  /** Keys of the WhatsApp channel (no signing secret). */
  plainKeys: string[];
  /** Keys of the chat channel, each with its signing secret. */
  signedKeys: { key: string; secret: string }[];
  /** A case filed through each channel, with a file. */
  radicados: string[];
  sent: number;
  statuses: Map<string, Record<number, number>>;
  close(): Promise<void>;
}

type Handler = (request: Request) => Promise<Response>;

/** A signed (or plain) JSON request to the intake API. */
export function apiPost(url: string, key: string, body: string, secret?: string): Request {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${key}`,
  };
  if (secret) headers['x-ventanilla-signature'] = signBody(secret, body, (Date.now() / 1000) | 0);
  return new Request(url, { method: 'POST', headers, body });
}

export async function openFuzzWorld(fileCase: Handler): Promise<FuzzWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-fuzz-'));
  const uploads = path.join(dir, 'uploads');
  // The SQLite file is made on first use; the app secret is kept beside it on either engine.
  vi.stubEnv('DATABASE_PATH', path.join(dir, 'fuzz.db'));
  vi.stubEnv('UPLOAD_DIR', uploads);
  vi.stubEnv('NEXTAUTH_URL', BASE);
  const pgDb = engineInUse() === 'postgres' ? await openTestDb() : undefined;
  if (pgDb) vi.stubEnv('DATABASE_URL', databaseTarget(pgDb.db));
  const db = getDb();
  const staff = await seedFixture(db);
  const whatsapp = await ensureIntakeChannel(db, 'WhatsApp línea 1', 'whatsapp');
  const chat = await ensureIntakeChannel(db, 'Chat web', 'chat');
  const key = async (channelId: number, withSigningSecret: boolean) =>
    await createApiKey(db, { channelId, name: 'fuzz', withSigningSecret });
  // Several keys, used in turn: each key's rate limit (300 a minute) is not what is under test.
  const plainKeys = await mapInOrder([1, 2, 3], async () => (await key(whatsapp, false)).key);
  const signedKeys = await mapInOrder([1, 2, 3], async () => {
    const created = await key(chat, true);
    return { key: created.key, secret: created.signingSecret! };
  });
  const body = JSON.stringify({
    ...FILING,
    attachments: [
      { name: 'foto.png', contentBase64: Buffer.from(SAMPLE_FILES.png!).toString('base64') },
    ],
  });
  const radicados: string[] = [];
  for (const [apiKey, secret] of [
    [plainKeys[0]!, undefined],
    [signedKeys[0]!.key, signedKeys[0]!.secret],
  ] as const) {
    const filed = await fileCase(apiPost(`${BASE}/api/v1/cases`, apiKey, body, secret));
    expect(filed.status).toBe(201);
    radicados.push(((await filed.json()) as { radicado: string }).radicado);
  }
  const world: FuzzWorld = {
    db,
    staff,
    uploads,
    plainKeys,
    signedKeys,
    radicados,
    sent: 0,
    statuses: new Map(),
    async close() {
      console.info(
        `[fuzz] seed ${FUZZ_SEED}: ${world.sent} inputs`,
        Object.fromEntries(world.statuses),
      );
      await closeDb();
      await pgDb?.cleanup();
      vi.unstubAllEnvs();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/**
 * One input through a handler: never a 5xx; a refusal (4xx) leaves every count as it was; nothing
 * is ever half-written. The label's first two words name the target in the closing tally.
 */
export async function fire(
  world: FuzzWorld,
  label: string,
  call: () => Promise<Response>,
): Promise<Response> {
  const before = await writtenCounts(world.db, world.uploads);
  const response = await call();
  const text = await response.clone().text();
  world.sent += 1;
  const target = label.split(' ').slice(0, 2).join(' ');
  const seen = world.statuses.get(target) ?? {};
  seen[response.status] = (seen[response.status] ?? 0) + 1;
  world.statuses.set(target, seen);
  expect(response.status, `${label} → ${text.slice(0, 400)}`).toBeLessThan(500);
  if (response.status >= 400) {
    expect(await writtenCounts(world.db, world.uploads), label).toEqual(before);
  }
  expect(await halfWritten(world.db, world.uploads), label).toEqual([]);
  return response;
}

/**
 * A different client address for each input (the socket's, as the server sets it, and the
 * forwarded one), so per-address limits do not turn everything into 429.
 */
export function peer(world: FuzzWorld): Record<string, string> {
  const n = world.sent + 1;
  const address =
    n % 3 === 0
      ? `2001:db8::${n.toString(16)}`
      : `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  return { 'x-ventanilla-peer': address, 'x-forwarded-for': address };
}

/** Runs the property over `numRuns` inputs from the fixed seed; stops at the first failure. */
export const check = <T>(
  arb: fc.Arbitrary<T>,
  numRuns: number,
  run: (value: T) => Promise<unknown>,
) =>
  fc.assert(
    fc.asyncProperty(arb, async (value) => {
      await run(value);
    }),
    { numRuns, seed: FUZZ_SEED, endOnFailure: true },
  );

export const params = (value: Record<string, string>) => ({ params: Promise.resolve(value) });
export const stringify = (value: unknown) => JSON.stringify(value) ?? '';
