/**
 * Anonymising a customer leaves no file with their data (issue 13 §8): a real database, real
 * upload and mail folders under a temp dir, the notices written as .eml by the embedded transport,
 * the answer letter rendered by pdfkit; every file is then read back (raw bytes, each .eml parsed
 * with its attachments, each PDF's text and metadata with unpdf) for the person's values.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { extractText, getDocumentProxy } from 'unpdf';
import { and, eq, ne } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { organization, outbox } from '@/db/tables';
import { applyCaseAction } from '../cases/apply-case-action';
import { openAttachment } from '../cases/attachment-file';
import { createCase } from '../cases/create-case';
import { getStaffCasePage } from '../cases/staff-case';
import { checkUploads, storeUploads } from '../cases/uploads';
import { makeCtx } from '../core/context';
import { sweepOrphanFiles } from '../jobs/orphan-files';
import { deliverDueMail } from '../notices/sender';
import { emlTransport } from '../notices/transport';
import { caseForCookie, caseForLink } from '../portal/portal-session';
import { signCaseAccess } from '../portal/portal-access';
import {
  captureAppError,
  caseRow,
  seedFixture,
  validFiling,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { sweepAnonymisedFiles } from './anonymised-files';
import { anonymiseCustomer, CANCELLED_BY_ANONYMISATION } from './personal-data';

const FILED = new Date('2026-04-13T15:00:00Z');
const ANSWERED = new Date('2026-04-14T15:00:00Z');
const NOW = new Date('2026-04-20T15:00:00Z');
const PERSON = {
  documentType: 'CC' as const,
  documentNumber: '79888777',
  fullName: 'Zacarías Quintero Lozada',
  email: 'zacarias.quintero@example.co',
  phone: '3001234567',
  address: 'Calle 12 # 3-45, Tunja',
};
const VALUES = Object.values(PERSON).slice(1);
const OTHER = {
  ...PERSON,
  documentNumber: '52111222',
  fullName: 'Otilia Restrepo Gaviria',
  phone: '3157654321',
  address: 'Carrera 9 # 20-11, Duitama',
};
const OTHER_EMAIL = 'otilia.restrepo@example.co';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let root: string;
const uploads = () => path.join(root, 'uploads');
const mail = () => path.join(root, 'mail');

beforeEach(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-anon-'));
  vi.stubEnv('UPLOAD_DIR', uploads());
  vi.stubEnv('MAIL_DIR', mail());
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  await db.insert(organization).values({ id: 1, name: 'Acueducto de Prueba S.A. E.S.P.' });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

const text = (s: string) => new TextEncoder().encode(s);
const store = async (name: string, content: string) =>
  storeUploads(await checkUploads([{ name, bytes: text(content) }])).stored;

/** A case with a file, answered with a letter, an internal file, every notice written as .eml. */
async function caseOf(person: typeof PERSON, email: string) {
  const created = await createCase(
    makeCtx(db, fx.agent, FILED),
    validFiling({
      channel: 'phone',
      customer: { ...person, email },
      subject: `Cobro doble de ${person.fullName}`,
      description: `Yo, ${person.fullName}, cédula ${person.documentNumber}, vivo en ${person.address}.`,
      responseMedium: 'email',
      responseAddress: email,
    }),
    {
      attachments: await store(
        'soporte.txt',
        `${person.fullName}\n${person.documentType} ${person.documentNumber}\n${person.address}\n${person.phone}\n${email}\n`,
      ),
    },
  );
  const ctx = makeCtx(db, fx.agent, ANSWERED);
  await applyCaseAction(ctx, { caseId: created.id, action: 'take' });
  await applyCaseAction(
    ctx,
    { caseId: created.id, action: 'note', body: 'Visita técnica al predio.' },
    { attachments: await store('visita.txt', `Predio de ${person.fullName}, ${person.address}`) },
  );
  await applyCaseAction(ctx, {
    caseId: created.id,
    action: 'answer',
    decision: 'concede',
    body: `Respetado señor ${person.fullName.toUpperCase()}: reintegramos el cobro doble.\n\nLo llamaremos al ${person.phone}.`,
  });
  const transport = emlTransport(mail());
  await deliverDueMail({ db, transport, now: ANSWERED });
  transport.close();
  const customerId = (await caseRow(db, created.id)).customerId!;
  return { ...created, customerId };
}

async function pdfTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text: body } = await extractText(pdf, { mergePages: true });
  const meta = await pdf.getMetadata();
  return [body, JSON.stringify(meta.info)];
}

/** Every way a file's content can be read: raw, and decoded (a mail and its parts, a PDF). */
async function readable(file: string): Promise<string[]> {
  const bytes = fs.readFileSync(file);
  const texts = [bytes.toString('utf8'), bytes.toString('latin1')];
  if (bytes.subarray(0, 5).toString() === '%PDF-') texts.push(...(await pdfTexts(bytes)));
  if (file.endsWith('.eml')) {
    const parsed = await simpleParser(bytes);
    texts.push(
      parsed.subject ?? '',
      parsed.text ?? '',
      String(parsed.html),
      JSON.stringify(parsed.to),
    );
    for (const part of parsed.attachments) {
      texts.push(part.content.toString('utf8'));
      if (part.contentType === 'application/pdf') texts.push(...(await pdfTexts(part.content)));
    }
  }
  return texts;
}

/** The files under the data folders holding any of `values` (any letter case). */
async function filesHolding(values: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const texts = (await readable(file)).map((t) => t.toLowerCase());
    const hit = values.find((v) => texts.some((t) => t.includes(v.toLowerCase())));
    if (hit) found.push(`${path.relative(root, file)}: ${hit}`);
  }
  return found;
}

const anonymise = (customerId: number) =>
  anonymiseCustomer(makeCtx(db, fx.admin, NOW), { customerId });

describe('anonymising a customer, on disk', () => {
  it('leaves no file with their data; another person’s files and mail stay', async () => {
    const theirs = await caseOf(PERSON, PERSON.email);
    await caseOf(OTHER, OTHER_EMAIL);
    const mailsBefore = fs.readdirSync(mail()).length;
    // The scan sees the data where it is: the uploads, the letter and the .eml copies.
    const before = await filesHolding(VALUES);
    expect(before.filter((f) => f.startsWith('mail/')).length).toBeGreaterThanOrEqual(2);
    expect(before.filter((f) => f.startsWith('uploads/')).length).toBeGreaterThanOrEqual(3);

    const result = await anonymise(theirs.customerId);
    expect(result).toMatchObject({ alreadyAnonymised: false, cases: 1 });

    expect(await filesHolding(VALUES)).toEqual([]);
    // Their copies went (constancia and answer); the other person's are all still there.
    const otherValues = [OTHER.fullName, OTHER.documentNumber, OTHER_EMAIL];
    expect(fs.readdirSync(mail())).toHaveLength(mailsBefore - 2);
    expect((await filesHolding(otherValues)).filter((f) => f.startsWith('mail/'))).toHaveLength(2);
    expect((await filesHolding(otherValues)).filter((f) => f.startsWith('uploads/'))).toHaveLength(
      3,
    );
  });

  it('the case still opens for staff: files marked removed, the letter redrawn without them', async () => {
    const theirs = await caseOf(PERSON, PERSON.email);
    await anonymise(theirs.customerId);
    const staff = makeCtx(
      db,
      { ...fx.supervisor, name: 'Sofía', email: 'sofia@example.co', teamName: null },
      NOW,
    );
    const { story } = await getStaffCasePage(staff, { radicado: theirs.radicado });
    const files = story.files.map((f) => ({ kind: f.kind, isRemoved: f.isRemoved }));
    expect(files).toEqual([
      { kind: 'file', isRemoved: true },
      { kind: 'file', isRemoved: true },
      { kind: 'answer_letter', isRemoved: false },
    ]);
    const removed = story.files.find((f) => f.isRemoved)!;
    expect(
      (await captureAppError(() => openAttachment(staff, { attachmentId: removed.id }))).code,
    ).toBe('NOT_FOUND');
    const letter = story.files.find((f) => f.kind === 'answer_letter')!;
    const pdf = await openAttachment(staff, { attachmentId: letter.id });
    const [body = ''] = await pdfTexts(pdf.bytes);
    expect(body).toContain(theirs.radicado);
    expect(body).toContain('reintegramos el cobro doble');
    expect(body).toContain('[dato personal retirado]');
    for (const value of VALUES) expect(body.toLowerCase()).not.toContain(value.toLowerCase());
  });

  it('cancels the mail still queued for them instead of writing it later', async () => {
    const theirs = await caseOf(PERSON, PERSON.email);
    await applyCaseAction(makeCtx(db, fx.agent, NOW), {
      caseId: theirs.id,
      action: 'reply',
      body: `Señor ${PERSON.fullName}, seguimos en su caso.`,
    });
    await anonymise(theirs.customerId);
    const queued = await db
      .select({ status: outbox.status, lastError: outbox.lastError })
      .from(outbox)
      .where(and(eq(outbox.caseId, theirs.id), ne(outbox.status, 'sent')));
    expect(queued).toEqual([{ status: 'failed', lastError: CANCELLED_BY_ANONYMISATION }]);
  });

  it('a cookie or an e-mailed link issued before no longer opens the case', async () => {
    const theirs = await caseOf(PERSON, PERSON.email);
    const other = await caseOf(OTHER, OTHER_EMAIL);
    const until = new Date(NOW.getTime() + 3_600_000);
    const visitor = makeCtx(db, { role: 'customer', id: null, caseId: null }, NOW);
    const tokens = (id: number) => ({
      cookie: signCaseAccess(id, until, 'cookie'),
      link: signCaseAccess(id, until, 'link'),
    });
    const mine = tokens(theirs.id);
    const others = tokens(other.id);
    expect((await caseForCookie(visitor, theirs.radicado, mine.cookie))?.caseId).toBe(theirs.id);
    expect((await caseForLink(visitor, { token: mine.link }))?.id).toBe(theirs.id);

    await anonymise(theirs.customerId);
    expect(await caseForCookie(visitor, theirs.radicado, mine.cookie)).toBeNull();
    expect(await caseForLink(visitor, { token: mine.link })).toBeNull();
    // Someone else's case is not affected.
    expect((await caseForCookie(visitor, other.radicado, others.cookie))?.caseId).toBe(other.id);
    expect((await caseForLink(visitor, { token: others.link }))?.id).toBe(other.id);
  });

  it('a process that dies before deleting the files: the sweep jobs finish the job', async () => {
    const theirs = await caseOf(PERSON, PERSON.email);
    // The deletes after the commit fail as a killed process would leave them: none done.
    const rm = vi.spyOn(fs, 'rmSync').mockImplementation(() => {
      throw new Error('killed');
    });
    const result = await anonymise(theirs.customerId);
    expect(result).toMatchObject({ alreadyAnonymised: false, removedFiles: null });
    rm.mockRestore();
    expect((await filesHolding(VALUES)).length).toBeGreaterThan(0);

    const later = makeCtx(db, fx.admin, new Date(Date.now() + 2 * 3_600_000));
    expect(await sweepAnonymisedFiles(later)).toEqual({ uploads: 2, mails: 2 });
    // The letter's old file no row names any more: the orphan sweep's, past its grace period.
    expect(await sweepOrphanFiles(later)).toHaveLength(1);
    expect(await filesHolding(VALUES)).toEqual([]);
    expect(await sweepAnonymisedFiles(later)).toEqual({ uploads: 0, mails: 0 });
  });
});
