/**
 * Files an agent sends with a message reach the petitioner: attached to the e-mail, as a real SMTP
 * server receives it, while they fit the mail budget; beyond it named and left to download.
 */
import { eq } from 'drizzle-orm';
import { one } from '@/db/rows';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { outbox } from '@/db/tables';
import { applyCaseAction } from '../cases/apply-case-action';
import { checkUploads, storeUploads } from '../cases/uploads';
import { makeCtx } from '../core/context';
import { bogota, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { startTestSmtp, type TestSmtp } from '../testing/smtp';
import { openTestDb } from '../testing/test-db';
import { splitForMail } from './mail-files';
import { deliverDueMail } from './sender';
import { smtpTransport, type MailTransport } from './transport';

const AT = bogota('2026-03-16T10:00:00');
const text = (s: string) => new TextEncoder().encode(s);
const PDF = text(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
    '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const CSV = text('fecha,valor\n2026-03-01,45000\n2026-03-01,45000\n');

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let dir: string;
let smtp: TestSmtp;
let transport: MailTransport;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-notice-files-'));
  vi.stubEnv('UPLOAD_DIR', dir);
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  smtp = await startTestSmtp();
  transport = smtpTransport(smtp.url);
});
afterEach(async () => {
  transport.close();
  await smtp.close();
  await cleanup();
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('files that go with a message', () => {
  it('travel attached to the e-mail, with their names, types and exact bytes', async () => {
    const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    const ctx = makeCtx(db, fx.agent, AT);
    await applyCaseAction(ctx, { caseId: id, action: 'take' });
    const { stored } = storeUploads(
      await checkUploads([
        { name: 'soporte de pago.pdf', bytes: PDF },
        { name: 'movimientos.csv', bytes: CSV },
      ]),
    );
    const done = await applyCaseAction(
      ctx,
      { caseId: id, action: 'reply', body: 'Adjunto el soporte.\n\nQuedo atento.' },
      { attachments: stored },
    );
    const [row] = await db
      .select()
      .from(outbox)
      .where(eq(outbox.messageId, `<event.${done.eventId}@ventanilla.local>`));
    expect(row!.attachmentIds).toHaveLength(2);
    expect(row!.bodyText).toContain(
      'Adjuntamos los archivos: soporte de pago.pdf, movimientos.csv.',
    );

    expect(await deliverDueMail({ db, transport, now: AT })).toMatchObject({ sent: 2 });
    const mail = smtp.received.find(
      (m) => m.messageId === `<event.${done.eventId}@ventanilla.local>`,
    );
    expect(mail?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['soporte de pago.pdf', 'application/pdf'],
      ['movimientos.csv', 'text/csv'],
    ]);
    expect(Buffer.compare(mail!.attachments[0]!.content, Buffer.from(PDF))).toBe(0);
    expect(Buffer.compare(mail!.attachments[1]!.content, Buffer.from(CSV))).toBe(0);
  });

  it('beyond the mail budget are named and linked, not attached', async () => {
    vi.stubEnv('MAIL_ATTACHMENTS_MAX_BYTES', String(PDF.byteLength + 10));
    const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    const ctx = makeCtx(db, fx.agent, AT);
    await applyCaseAction(ctx, { caseId: id, action: 'take' });
    const { stored } = storeUploads(
      await checkUploads([
        { name: 'soporte.pdf', bytes: PDF },
        { name: 'movimientos.csv', bytes: CSV },
      ]),
    );
    const done = await applyCaseAction(
      ctx,
      { caseId: id, action: 'request_info', body: 'Envíenos el extracto de marzo.' },
      { attachments: stored },
    );
    const row = await one(
      db
        .select()
        .from(outbox)
        .where(eq(outbox.messageId, `<event.${done.eventId}@ventanilla.local>`)),
    );
    expect(row.attachmentIds).toHaveLength(1);
    expect(row.bodyText).toContain('Adjuntamos el archivo: soporte.pdf.');
    expect(row.bodyText).toContain('Este archivo supera el tamaño que enviamos por correo');
    expect(row.bodyText).toContain('movimientos.csv');
    await deliverDueMail({ db, transport, now: AT });
    const mail = smtp.received.find((m) => m.messageId === row.messageId);
    expect(mail?.attachments.map((a) => a.filename)).toEqual(['soporte.pdf']);
  });

  it('a file gone from disk fails the mail with the reason, instead of sending it without', async () => {
    const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    const ctx = makeCtx(db, fx.agent, AT);
    await applyCaseAction(ctx, { caseId: id, action: 'take' });
    const { stored } = storeUploads(await checkUploads([{ name: 'soporte.pdf', bytes: PDF }]));
    const done = await applyCaseAction(
      ctx,
      { caseId: id, action: 'reply', body: 'Adjunto el soporte.' },
      { attachments: stored },
    );
    fs.rmSync(path.join(dir, stored[0]!.storedName));
    await deliverDueMail({ db, transport, now: AT });
    const row = await one(
      db
        .select()
        .from(outbox)
        .where(eq(outbox.messageId, `<event.${done.eventId}@ventanilla.local>`)),
    );
    expect(row).toMatchObject({ status: 'failed' });
    expect(row.lastError).toMatch(/missing on disk/);
  });
});

describe('splitForMail', () => {
  const f = (id: number, sizeBytes: number) => ({ id, name: `f${id}`, sizeBytes });
  it('attaches in order while the total fits, and links everything after the first that does not', () => {
    expect(splitForMail([f(1, 4), f(2, 5), f(3, 2)], 10)).toEqual({
      attached: [f(1, 4), f(2, 5)],
      linked: [f(3, 2)],
    });
    expect(splitForMail([f(1, 11), f(2, 1)], 10)).toEqual({
      attached: [],
      linked: [f(1, 11), f(2, 1)],
    });
    expect(splitForMail([], 10)).toEqual({ attached: [], linked: [] });
  });
});
