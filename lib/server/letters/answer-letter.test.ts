import { first } from '@/db/rows';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { attachments, cases, caseEvents, organization, outbox } from '@/db/tables';
import type { Decision } from '@/lib/domain/enums';
import { setOrganizationLogo } from '../admin/organization-logo';
import { applyCaseAction } from '../cases/apply-case-action';
import { readStoredUpload, uploadDir } from '../cases/uploads';
import { makeCtx } from '../core/context';
import {
  captureAppError,
  fileCase,
  seedFixture,
  type Fixture,
  type StaffMember,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { renderAnswerLetter } from './answer-letter';
import { buildAnswerLetter } from './letter-model';
import { previewAnswerLetter } from './prepare-answer-letter';

const MONDAY = new Date('2026-03-16T15:00:00Z');
/** A 1×1 PNG. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  ),
);
const TEXT =
  'Revisamos su factura de febrero y encontramos el cobro doble.\n\nEl valor se reintegrará en la próxima factura.';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  await db
    .insert(organization)
    .values({ id: 1, name: 'Acueducto de Prueba S.A. E.S.P.', taxId: '900123456-7' });
});
afterEach(() => cleanup());

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

async function caseInProgress(overrides: Parameters<typeof fileCase>[1] = {}) {
  const created = await fileCase(db, overrides);
  await applyCaseAction(makeCtx(db, fx.agent, MONDAY), { caseId: created.id, action: 'take' });
  return created;
}

async function letterOf(caseId: number, decision: Decision, signer: StaffMember = fx.agent) {
  const row = (await first(db.select().from(cases).where(eq(cases.id, caseId))))!;
  const org = (await first(db.select().from(organization)))!;
  return await buildAnswerLetter(db, { row, decision, body: TEXT, signer, org, now: MONDAY });
}

const answer = (caseId: number, decision: Decision, extra: object = {}) =>
  applyCaseAction(makeCtx(db, fx.agent, MONDAY), {
    caseId,
    action: 'answer',
    decision,
    body: TEXT,
    ...extra,
  });

describe('the answer letter (PDF)', () => {
  it('carries the organisation, radicado, petitioner, decision, both paragraphs and the signer', async () => {
    const { id, radicado } = await caseInProgress();
    const bytes = await renderAnswerLetter(await letterOf(id, 'concede'), { now: MONDAY });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const part of [
      'Acueducto de Prueba S.A. E.S.P.',
      'NIT 900123456-7',
      radicado,
      'Ana María Pérez',
      'CC 1020304050',
      'Asunto: Cobro doble en la factura',
      'Decisión: Se concede',
      'Revisamos su factura de febrero y encontramos el cobro doble.',
      'El valor se reintegrará en la próxima factura.',
      'agente',
      'Agente · Facturación',
      '16 de marzo de 2026',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('recurso de reposición');
  });

  it('adds the recourse note only when the decision is adverse', async () => {
    const { id } = await caseInProgress();
    const notes: Record<Decision, boolean> = {
      concede: false,
      informa: false,
      niega: true,
      concede_parcial: true,
    };
    for (const [decision, hasNote] of Object.entries(notes) as [Decision, boolean][]) {
      const text = await pdfText(
        await renderAnswerLetter(await letterOf(id, decision), { now: MONDAY }),
      );
      expect(text.includes('recurso de reposición'), decision).toBe(hasNote);
    }
  });

  it('is written in the case language and is the same bytes for the same input', async () => {
    const { id } = await caseInProgress({ locale: 'en' });
    const letter = await letterOf(id, 'niega');
    const first = await renderAnswerLetter(letter, { now: MONDAY });
    const second = await renderAnswerLetter(letter, { now: MONDAY });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const text = await pdfText(first);
    expect(text).toContain('Decision: Denied');
    expect(text).toContain('Appeals');
    expect(text).toContain('March 16, 2026');
  });
});

describe('answering a case', () => {
  it('records exactly one answer letter, public and first on the answer e-mail', async () => {
    const { id, radicado } = await caseInProgress();
    const applied = await answer(id, 'concede_parcial');
    const letters = await db
      .select()
      .from(attachments)
      .where(eq(attachments.kind, 'answer_letter'));
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(letter).toMatchObject({
      caseId: id,
      eventId: applied.eventId,
      visibility: 'public',
      mimeType: 'application/pdf',
    });
    const mail = await db.select().from(outbox).where(eq(outbox.kind, 'answer'));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.attachmentIds?.[0]).toBe(letter!.id);
    const text = await pdfText(readStoredUpload(letter!.storedName));
    expect(text).toContain(radicado);
    expect(text).toContain('El valor se reintegrará en la próxima factura.');
    expect(text).toContain('recurso de reposición');
  });

  it("heads the letter with the organisation's logo when one is set", async () => {
    const { id } = await caseInProgress();
    await setOrganizationLogo(makeCtx(db, fx.admin, MONDAY), { bytes: PNG });
    await answer(id, 'concede');
    const letter = await first(
      db.select().from(attachments).where(eq(attachments.kind, 'answer_letter')),
    );
    const bytes = readStoredUpload(letter!.storedName);
    expect(bytes.toString('latin1')).toContain('/Subtype /Image');
    expect(await pdfText(bytes)).toContain('Acueducto de Prueba S.A. E.S.P.');
  });

  it('a refused answer leaves no letter on disk and no row', async () => {
    const { id } = await caseInProgress();
    const filesBefore = fs.existsSync(uploadDir()) ? fs.readdirSync(uploadDir()) : [];
    const error = await captureAppError(() => answer(id, 'concede', { expectedVersion: 1 }));
    expect(error.code).toBe('CONFLICT');
    expect(fs.existsSync(uploadDir()) ? fs.readdirSync(uploadDir()) : []).toEqual(filesBefore);
    expect(await db.select().from(attachments)).toHaveLength(0);
    expect(await db.select().from(caseEvents).where(eq(caseEvents.action, 'answer'))).toHaveLength(
      0,
    );
  });
});

describe('previewing the answer', () => {
  it('shows the letter to staff in scope and writes nothing', async () => {
    const { id, radicado } = await caseInProgress();
    const letter = await previewAnswerLetter(makeCtx(db, fx.agent, MONDAY), {
      caseId: id,
      decision: 'niega',
      body: TEXT,
    });
    expect(letter.reference[0]).toEqual({ label: 'Radicado', value: radicado });
    expect(letter.paragraphs).toHaveLength(2);
    expect(letter.recourse).not.toBeNull();
    expect(await db.select().from(attachments)).toHaveLength(0);
  });

  it('refuses an agent of another team and names a missing decision', async () => {
    const { id } = await caseInProgress();
    const other = await captureAppError(() =>
      previewAnswerLetter(makeCtx(db, fx.otherAgent, MONDAY), {
        caseId: id,
        decision: 'concede',
        body: TEXT,
      }),
    );
    expect(other.code).toBe('NOT_FOUND');
    const missing = await captureAppError(() =>
      previewAnswerLetter(makeCtx(db, fx.agent, MONDAY), { caseId: id, body: TEXT }),
    );
    expect(missing.code).toBe('VALIDATION');
    expect(Object.keys(missing.fieldErrors ?? {})).toEqual(['decision']);
  });
});
