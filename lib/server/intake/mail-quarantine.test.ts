import { first } from '@/db/rows';
/**
 * The quarantine (issue 19 §3): what is clearly not a petition waits, kept whole, until a
 * supervisor radicates it (counted from its arrival) or discards it (its content deleted).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { attachments, cases, inboundMail } from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { seedFixture, type Fixture } from '../testing/fixtures';
import { plainMessage } from '../testing/imap-client';
import { openTestDb } from '../testing/test-db';
import { receiveInboundMail } from './mail-inbound';
import { discardQuarantined, listQuarantine, radicateQuarantined } from './mail-quarantine';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let uploads: string;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-quarantine-'));
  process.env.UPLOAD_DIR = uploads;
});
afterEach(async () => {
  delete process.env.UPLOAD_DIR;
  fs.rmSync(uploads, { recursive: true, force: true });
  await cleanup();
});

const ARRIVED = new Date('2026-12-02T14:30:00.000Z');
const LATER = new Date('2026-12-04T16:00:00.000Z');

async function quarantine(headers: Record<string, string>, from = 'vecina@example.co') {
  const outcome = await receiveInboundMail(
    makeCtx(db, SYSTEM_ACTOR, LATER),
    Buffer.from(
      plainMessage({
        from,
        subject: 'Respuesta automática: reclamo',
        text: 'Estoy fuera de la oficina, pero además quiero reclamar por el cobro de agosto.',
        messageId: `<q${Math.random().toString(36).slice(2)}@example.co>`,
        headers,
      }),
    ),
    { source: 'imap', receivedAt: ARRIVED },
  );
  if (outcome.outcome !== 'quarantined') throw new Error(`not quarantined: ${outcome.outcome}`);
  return outcome.entryId;
}

describe('the quarantine', () => {
  it('lists what waits, with its reason, to supervisors only', async () => {
    await quarantine({ 'Auto-Submitted': 'auto-replied' });
    await quarantine({ 'X-Spam-Flag': 'YES' });
    const listed = await listQuarantine(makeCtx(db, fx.supervisor, LATER));
    expect(listed.map((e) => e.reason).sort()).toEqual(['auto_reply', 'spam']);
    await expect(listQuarantine(makeCtx(db, fx.agent, LATER))).rejects.toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('radicates a message with its arrival time and moves its original to the case', async () => {
    const id = await quarantine({ 'Auto-Submitted': 'auto-replied' });
    const entry = (await first(db.select().from(inboundMail).where(eq(inboundMail.id, id))))!;
    const done = await radicateQuarantined(makeCtx(db, fx.supervisor, LATER), { id });
    const created = (await first(db.select().from(cases).where(eq(cases.id, done.caseId))))!;
    expect(created).toMatchObject({ channel: 'email', responseAddress: 'vecina@example.co' });
    expect(created.receivedAt).toEqual(ARRIVED);
    expect(await first(db.select().from(inboundMail).where(eq(inboundMail.id, id)))).toMatchObject({
      outcome: 'radicated',
      caseId: done.caseId,
      rawStoredName: null,
      reviewedById: fx.supervisor.id,
    });
    const files = await db.select().from(attachments).where(eq(attachments.caseId, done.caseId));
    expect(files).toMatchObject([
      { storedName: entry.rawStoredName, kind: 'original_mail', visibility: 'internal' },
    ]);
    expect(await listQuarantine(makeCtx(db, fx.supervisor, LATER))).toHaveLength(0);
    // Once decided, it cannot be decided again.
    await expect(
      radicateQuarantined(makeCtx(db, fx.supervisor, LATER), { id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('discards a message: the record stays, the content is deleted', async () => {
    const id = await quarantine({ 'X-Spam-Flag': 'YES' });
    const entry = (await first(db.select().from(inboundMail).where(eq(inboundMail.id, id))))!;
    expect(fs.existsSync(path.join(uploads, entry.rawStoredName!))).toBe(true);
    await discardQuarantined(makeCtx(db, fx.supervisor, LATER), { id });
    expect(await first(db.select().from(inboundMail).where(eq(inboundMail.id, id)))).toMatchObject({
      outcome: 'discarded',
      rawStoredName: null,
      reviewedById: fx.supervisor.id,
    });
    expect(fs.existsSync(path.join(uploads, entry.rawStoredName!))).toBe(false);
    expect(await db.select().from(cases)).toHaveLength(0);
  });

  it('refuses to radicate a message with nobody to answer', async () => {
    const outcome = await receiveInboundMail(
      makeCtx(db, SYSTEM_ACTOR, LATER),
      Buffer.from('Subject: sin remitente\r\n\r\nQuiero poner una queja por el servicio.\r\n'),
      { source: 'smtp' },
    );
    expect(outcome).toMatchObject({ outcome: 'quarantined', reason: 'no_sender' });
    const id = (outcome as { entryId: number }).entryId;
    await expect(
      radicateQuarantined(makeCtx(db, fx.supervisor, LATER), { id }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
