/** Who may open which file of a case: the scope of the case for staff, the public files of their own case for a petitioner. */
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { cases } from '@/db/tables';
import { makeCtx } from '../core/context';
import type { Actor } from '../core/actor';
import {
  captureAppError,
  customerActor,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { downloadResponse, openAttachment } from './attachment-file';
import { checkUploads, recordAttachments, storeUploads } from './uploads';

const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
    '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let dir: string;
let caseId: number;
let otherCaseId: number;

async function attach(onCase: number, visibility: 'public' | 'internal', name: string) {
  const { stored } = storeUploads(await checkUploads([{ name, bytes: PDF }]));
  return (await recordAttachments(db, onCase, null, stored, visibility))[0]!;
}

const open = (actor: Actor, input: Record<string, unknown>) =>
  openAttachment(makeCtx(db, actor), input);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-files-'));
  vi.stubEnv('UPLOAD_DIR', dir);
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  caseId = (await fileCase(db)).id;
  otherCaseId = (await fileCase(db, { subject: 'Otro caso de la misma persona' })).id;
  // The case belongs to the first team: the agent of the other team is out of its scope.
  await db.update(cases).set({ teamId: fx.teamId }).where(eq(cases.id, caseId));
});
afterEach(async () => {
  await cleanup();
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('openAttachment', () => {
  it('gives staff in scope the stored bytes, name and type of any file of the case', async () => {
    const internal = await attach(caseId, 'internal', 'nota interna.pdf');
    const file = await open(fx.agent, { caseId, attachmentId: internal });
    expect(file.name).toBe('nota interna.pdf');
    expect(file.mimeType).toBe('application/pdf');
    expect(Buffer.compare(file.bytes, Buffer.from(PDF))).toBe(0);
    expect((await open(fx.supervisor, { caseId, attachmentId: internal })).name).toBe(
      'nota interna.pdf',
    );
  });

  it('refuses an agent of another team (403) and a file asked for under another case (404)', async () => {
    const id = await attach(caseId, 'public', 'factura.pdf');
    expect(
      (await captureAppError(() => open(fx.otherAgent, { caseId, attachmentId: id }))).code,
    ).toBe('FORBIDDEN');
    expect(
      (await captureAppError(() => open(fx.agent, { caseId: otherCaseId, attachmentId: id }))).code,
    ).toBe('NOT_FOUND');
  });

  it('gives a petitioner the public files of their case and nothing else (404)', async () => {
    const shown = await attach(caseId, 'public', 'factura.pdf');
    const internal = await attach(caseId, 'internal', 'nota.pdf');
    const elsewhere = await attach(otherCaseId, 'public', 'otra.pdf');
    expect((await open(customerActor(caseId), { attachmentId: shown })).name).toBe('factura.pdf');
    for (const attachmentId of [internal, elsewhere]) {
      const error = await captureAppError(() => open(customerActor(caseId), { attachmentId }));
      expect(error.code).toBe('NOT_FOUND');
    }
  });

  it('answers 404 for an unknown id, a bad id and a file gone from disk', async () => {
    const id = await attach(caseId, 'public', 'factura.pdf');
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
    expect((await captureAppError(() => open(fx.agent, { caseId, attachmentId: id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await captureAppError(() => open(fx.agent, { caseId, attachmentId: 999 }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await captureAppError(() => open(fx.agent, { caseId, attachmentId: 'x' }))).code).toBe(
      'VALIDATION',
    );
  });
});

describe('downloadResponse', () => {
  it('sends the file as a download of its stored type, never sniffed, never cached', async () => {
    const response = downloadResponse({
      name: 'Factura marzo ñ "final".pdf',
      mimeType: 'application/pdf',
      bytes: Buffer.from(PDF),
    });
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Factura marzo _ _final_.pdf"; filename*=UTF-8''Factura%20marzo%20%C3%B1%20%22final%22.pdf`,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true);
  });
});
