/** Files through the intake API: base64 in the signed JSON body, checked like the portal's. */
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { attachments, cases } from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { countRows } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { addMessageViaApi, createCaseViaApi } from './handlers';
import { createApiKey, ensureIntakeChannel } from './keys';

const NOW = new Date('2026-03-16T15:00:00Z');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
    '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4]), Buffer.alloc(120)]);
const file = (name: string, bytes: Buffer) => ({ name, contentBase64: bytes.toString('base64') });

let db: Conn;
let cleanup: () => Promise<void>;
let key: string;
let dir: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-api-files-'));
  vi.stubEnv('UPLOAD_DIR', dir);
  ({ db, cleanup } = await openTestDb());
  const channelId = await ensureIntakeChannel(db, 'WhatsApp línea 1', 'whatsapp');
  key = (await createApiKey(db, { channelId, name: 'bot', withSigningSecret: false })).key;
});
afterEach(async () => {
  await cleanup();
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ctx = () => makeCtx(db, SYSTEM_ACTOR, NOW);
const post = (route: string, body: unknown) =>
  new Request(`http://localhost/api/v1${route}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
  });
const filing = (files: unknown[]) => ({
  typeCode: 'R',
  subject: 'Cobro doble en la factura',
  description: 'Me cobraron dos veces el servicio de marzo; adjunto la factura.',
  responseAddress: 'ana@example.co',
  attachments: files,
});

describe('files through the intake API', () => {
  it('files a case with its PDF, stored with the type its content shows', async () => {
    const response = await createCaseViaApi(
      ctx(),
      post('/cases', filing([file('factura.pdf', PDF)])),
    );
    expect(response.status).toBe(201);
    const { radicado } = await response.json();
    const caseId = (await one(db.select().from(cases).where(eq(cases.radicado, radicado)))).id;
    const [row] = await db.select().from(attachments).where(eq(attachments.caseId, caseId));
    expect(row).toMatchObject({
      originalName: 'factura.pdf',
      mimeType: 'application/pdf',
      visibility: 'public',
    });
    expect(fs.readFileSync(path.join(dir, row!.storedName)).equals(PDF)).toBe(true);

    const message = await addMessageViaApi(
      ctx(),
      post(`/cases/${radicado}/messages`, {
        body: 'Va también el extracto.',
        attachments: [file('extracto.pdf', PDF)],
      }),
      { radicado },
    );
    expect(message.status).toBe(201);
    expect(await countRows(db, attachments)).toBe(2);
  });

  it.each([
    ['a file whose content is not an accepted type', [file('factura.pdf', EXE)], 'attachments'],
    ['six files', Array.from({ length: 6 }, (_, i) => file(`f${i}.pdf`, PDF)), 'attachments'],
    [
      'content that is not base64',
      [{ name: 'f.pdf', contentBase64: '***' }],
      'attachments.0.contentBase64',
    ],
  ])('refuses %s with 422 on the field and writes nothing', async (_label, files, field) => {
    const response = await createCaseViaApi(ctx(), post('/cases', filing(files)));
    expect(response.status).toBe(422);
    expect(Object.keys((await response.json()).errors)).toContain(field);
    expect(await countRows(db, cases)).toBe(0);
    expect(await countRows(db, attachments)).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a body over the cap with 422 on body and a message, never a 500', async () => {
    const request = new Request('http://localhost/api/v1/cases', {
      method: 'POST',
      body: JSON.stringify(filing([])),
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${key}`,
        'Content-Length': String(200 * 1024 * 1024),
      },
    });
    const response = await createCaseViaApi(ctx(), request);
    expect(response.status).toBe(422);
    expect((await response.json()).errors.body[0]).toMatch(/máximo \d+ MB/);
    expect(await countRows(db, cases)).toBe(0);
  });
});
