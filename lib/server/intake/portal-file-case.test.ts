import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { attachments, cases } from '@/db/tables';
import { makeCtx } from '../core/context';
import { VISITOR } from '../portal/actors';
import { captureAppError, countRows, FILED_AT } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { FILING_IP_LIMIT, fileFromPortal } from './portal-file-case';

const IP = '203.0.113.9';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let db: Conn;
let cleanup: () => Promise<void>;
let uploads: string;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-portal-'));
  process.env.UPLOAD_DIR = uploads;
});
afterEach(async () => {
  await cleanup();
  fs.rmSync(uploads, { recursive: true, force: true });
  delete process.env.UPLOAD_DIR;
});

/** The public form's fields as `formInput` gives them: flat names, text as text, files as a list. */
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    typeCode: 'R',
    subject: 'Cobro doble en la factura',
    description: 'En la factura de febrero me cobraron dos veces el mismo servicio.',
    isAnonymous: 'false',
    hasConsent: 'true',
    locale: 'es',
    'customer.documentType': 'CC',
    'customer.documentNumber': '1020304050',
    'customer.fullName': 'Ana María Pérez',
    'customer.email': 'ana@example.co',
    website: '',
    ...overrides,
  };
}

const file = (input: Record<string, unknown>, ip = IP) =>
  fileFromPortal(makeCtx(db, VISITOR, FILED_AT), input, { clientIp: ip });

const storedFiles = () => fs.readdirSync(uploads);

describe('fileFromPortal', () => {
  it('files a web case from the flat form fields, with its attachments', async () => {
    const result = await file(form({ attachments: [new File([PDF], 'factura.pdf')] }));
    if (result.kind !== 'created') throw new Error(`expected a new case, got ${result.kind}`);
    const row = await one(db.select().from(cases));
    expect(row).toMatchObject({ id: result.created.id, channel: 'web', typeCode: 'R' });
    expect(await db.select().from(attachments)).toEqual([
      expect.objectContaining({ caseId: row.id, originalName: 'factura.pdf' }),
    ]);
    expect(storedFiles()).toHaveLength(1);
  });

  it('refuses a filled honeypot and bad input, storing nothing', async () => {
    const attached = { attachments: [new File([PDF], 'factura.pdf')] };
    const bot = await captureAppError(() => file(form({ ...attached, website: 'http://x' })));
    expect(bot.code).toBe('VALIDATION');
    expect(bot.fieldErrors).toEqual({ _form: ['invalid'] });
    const bad = await captureAppError(() => file(form({ ...attached, subject: '' })));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fieldErrors?.subject).toBeDefined();
    expect(await countRows(db, cases)).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it('offers the open case of the same type first, then adds to it or files anew', async () => {
    const first = await file(form());
    if (first.kind !== 'created') throw new Error('expected a new case');
    const tail = first.created.radicado.slice(-4);
    await expect(file(form())).resolves.toEqual({
      kind: 'open_case',
      radicadoTail: tail,
      receivedAt: FILED_AT,
    });
    await expect(file(form({ onOpenCase: 'add' }))).resolves.toEqual({
      kind: 'added_to_case',
      radicadoTail: tail,
    });
    expect(await countRows(db, cases)).toBe(1);
    await expect(file(form({ onOpenCase: 'new' }))).resolves.toMatchObject({ kind: 'created' });
    expect(await countRows(db, cases)).toBe(2);
  });

  it(`refuses the filing after ${FILING_IP_LIMIT.points} attempts from one address`, async () => {
    for (let i = 0; i < FILING_IP_LIMIT.points; i++) {
      expect((await captureAppError(() => file(form({ website: 'bot' })))).code).toBe('VALIDATION');
    }
    const limited = await captureAppError(() => file(form()));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.detail?.retryAfterSeconds).toBeGreaterThan(0);
    await expect(file(form(), '198.51.100.7')).resolves.toMatchObject({ kind: 'created' });
  });

  describe('sent again with the same press of the button (issue 17 §3)', () => {
    const PRESS = 'press_0123456789abcdef';
    const created = async (input: Record<string, unknown>) => {
      const result = await file(input);
      if (result.kind !== 'created') throw new Error(`expected a case, got ${result.kind}`);
      return result.created;
    };

    it('files once: the second arrival answers with the same case', async () => {
      const first = await created(form({ submissionId: PRESS }));
      const again = await created(form({ submissionId: PRESS }));
      expect(again).toEqual({ id: first.id, radicado: first.radicado, accessCode: null });
      expect(await countRows(db, cases)).toBe(1);
    });

    it('gives an anonymous filer a new code, the lost one no longer opening the case', async () => {
      const anonymous = form({ isAnonymous: 'true', typeCode: 'D', submissionId: PRESS });
      const first = await created(anonymous);
      const hashBefore = (await one(db.select().from(cases))).accessCodeHash;
      const again = await created(anonymous);
      expect(again.radicado).toBe(first.radicado);
      expect(again.accessCode).toMatch(/\S{6,}/);
      expect(again.accessCode).not.toBe(first.accessCode);
      expect((await one(db.select().from(cases))).accessCodeHash).not.toBe(hashBefore);
      expect(await countRows(db, cases)).toBe(1);
    });

    it('files a new case for a new press, and refuses a malformed id', async () => {
      await created(form({ isAnonymous: 'true', typeCode: 'D', submissionId: PRESS }));
      await created(form({ isAnonymous: 'true', typeCode: 'D', submissionId: `${PRESS}x` }));
      expect(await countRows(db, cases)).toBe(2);
      const bad = await captureAppError(() => file(form({ submissionId: 'short' })));
      expect(bad.fieldErrors).toEqual({ submissionId: ['invalid'] });
    });
  });
});
