import { first } from '@/db/rows';
/**
 * A postal case's notices are letters: queued as such (never mailed, never sent by the worker),
 * printed as a PDF with the radicado, address and text, and sent once staff record the posting day.
 */
import { eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { cases, outbox } from '@/db/tables';
import { applyCaseAction } from '../cases/apply-case-action';
import { makeCtx } from '../core/context';
import { deliverDueMail } from '../notices/sender';
import type { MailTransport } from '../notices/transport';
import { bogota, captureAppError, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { noticeLetterPdf, recordLetterPosting } from './notice-letter';

const AT = bogota('2026-03-16T10:00:00');
const ADDRESS = 'Calle 10 # 5-20, Cali';
const REQUEST = 'Envíenos copia de la factura de febrero.\n\nPuede traerla a cualquier oficina.';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const sent: string[] = [];
const transport: MailTransport = {
  kind: 'eml',
  send: (m) => Promise.resolve(void sent.push(m.messageId)),
  close: () => undefined,
};

/** A postal Reclamo of the first team, taken, with an information request owed by post. */
async function postalRequest() {
  const { id, radicado } = await fileCase(
    db,
    { responseMedium: 'postal', responseAddress: ADDRESS },
    bogota('2026-03-13T16:30:00'),
  );
  await db.update(cases).set({ teamId: fx.teamId }).where(eq(cases.id, id));
  const ctx = makeCtx(db, fx.agent, AT);
  await applyCaseAction(ctx, { caseId: id, action: 'take' });
  await applyCaseAction(ctx, { caseId: id, action: 'request_info', body: REQUEST });
  const letter = (await db.select().from(outbox).where(eq(outbox.caseId, id))).find(
    (m) => m.kind === 'info_request',
  )!;
  return { id, radicado, letter };
}

describe('notices owed by post', () => {
  it('are queued as a letter to the postal address, and the mail worker leaves them alone', async () => {
    const { id, letter } = await postalRequest();
    expect(letter).toMatchObject({ medium: 'letter', toAddress: ADDRESS, status: 'pending' });
    expect(letter.bodyText).toContain('Puede traerla a cualquier oficina.');
    // No e-mail for the same notice, although the petitioner has an address.
    const kinds = await db.select().from(outbox).where(eq(outbox.caseId, id));
    expect(kinds.filter((m) => m.kind === 'info_request')).toHaveLength(1);
    sent.length = 0;
    await deliverDueMail({ db, transport, now: new Date(AT.getTime() + 3_600_000) });
    expect(sent).not.toContain(letter.messageId);
    expect((await first(db.select().from(outbox).where(eq(outbox.id, letter.id))))!.status).toBe(
      'pending',
    );
  });

  it('print as a PDF letter with the radicado, the address and the text, for staff in scope only', async () => {
    const { id, radicado, letter } = await postalRequest();
    const pdf = await noticeLetterPdf(makeCtx(db, fx.agent, AT), {
      caseId: id,
      outboxId: letter.id,
    });
    const doc = await getDocumentProxy(new Uint8Array(pdf.bytes));
    const text = (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, ' ');
    for (const part of [
      radicado,
      ADDRESS,
      'Ana María Pérez',
      'Envíenos copia de la factura de febrero.',
    ]) {
      expect(text).toContain(part);
    }
    const outsider = await captureAppError(() =>
      noticeLetterPdf(makeCtx(db, fx.otherAgent, AT), { caseId: id, outboxId: letter.id }),
    );
    expect(outsider.code).toBe('FORBIDDEN');
    const constancia = (await first(
      db.select().from(outbox).where(eq(outbox.kind, 'constancia')),
    ))!;
    const notALetter = await captureAppError(() =>
      noticeLetterPdf(makeCtx(db, fx.agent, AT), { caseId: id, outboxId: constancia.id }),
    );
    expect(notALetter.code).toBe('NOT_FOUND');
  });

  it('are sent on the day staff record, neither in the future nor before the letter', async () => {
    const { id, letter } = await postalRequest();
    const ctx = makeCtx(db, fx.agent, bogota('2026-03-18T09:00:00'));
    for (const [postedOn, key] of [
      ['2026-03-19', 'postedInFuture'],
      ['2026-03-15', 'postedBeforeLetter'],
    ] as const) {
      const error = await captureAppError(() =>
        recordLetterPosting(ctx, { caseId: id, outboxId: letter.id, postedOn }),
      );
      expect(error.fieldErrors).toEqual({ postedOn: [key] });
    }
    const { sentAt } = await recordLetterPosting(ctx, {
      caseId: id,
      outboxId: letter.id,
      postedOn: '2026-03-17',
    });
    expect(sentAt).toEqual(bogota('2026-03-17T12:00:00'));
    expect(await first(db.select().from(outbox).where(eq(outbox.id, letter.id)))).toMatchObject({
      status: 'sent',
      sentAt: bogota('2026-03-17T12:00:00'),
    });
  });
});
