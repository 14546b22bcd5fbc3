import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, type Conn } from '@/db/client';
import { one } from '@/db/rows';
import { outbox } from '@/db/tables';
import { mapInOrder } from '../core/in-order';
import { enqueueMail, messageIdFor } from './outbox';
import { FILED_AT, fileCase } from '../testing/fixtures';
import { EMAIL_LINK_DAYS, verifyCaseAccess } from '../portal/portal-access';
import { startTestSmtp, type TestSmtp } from '../testing/smtp';
import { databaseTarget, openTestDb } from '../testing/test-db';
import { deliverDueMail, MAX_ATTEMPTS, retryDelayMs, SEND_LEASE_MS } from './sender';
import { emlFileName, emlTransport, smtpTransport, type MailTransport } from './transport';

const NOW = new Date('2026-11-23T15:00:00Z');
const MINUTE = 60_000;

let db: Conn;
let cleanup: () => Promise<void>;
let smtp: TestSmtp;
let transport: MailTransport;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  smtp = await startTestSmtp();
  transport = smtpTransport(smtp.url);
});
afterEach(async () => {
  transport.close();
  await smtp.close();
  await cleanup();
});

async function queue(key: string, to = 'ana@example.co', now = NOW): Promise<number> {
  return await inTransaction(
    db,
    async (tx) =>
      await enqueueMail(tx, {
        kind: 'constancia',
        caseId: null,
        to,
        subject: `Constancia ${key}`,
        text: `Texto ${key}`,
        html: `<p>HTML ${key}</p>`,
        locale: 'es',
        now,
        dedupeKey: key,
      }),
  );
}

const rowOf = async (id: number) => await one(db.select().from(outbox).where(eq(outbox.id, id)));
const statusesOf = async (ids: number[]) => (await mapInOrder(ids, rowOf)).map((row) => row.status);
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

describe('outbound mail over SMTP', () => {
  it('delivers each queued message once, text and HTML, with its stable Message-ID', async () => {
    const a = await queue('a');
    const b = await queue('b', 'luis@example.co');
    expect(await deliverDueMail({ db, transport, now: NOW })).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
    });
    expect(smtp.received.map((m) => m.messageId)).toEqual([messageIdFor('a'), messageIdFor('b')]);
    const [first] = smtp.received;
    expect(first?.subject).toBe('Constancia a');
    expect(first?.text?.trim()).toBe('Texto a');
    expect(first?.html).toContain('<p>HTML a</p>');
    expect(first?.headers.get('auto-submitted')).toBe('auto-generated');
    expect(await rowOf(a)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentAt: NOW,
      lastError: null,
    });
    expect((await rowOf(b)).status).toBe('sent');

    // Running again sends nothing twice.
    expect(await deliverDueMail({ db, transport, now: at(60) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(smtp.received).toHaveLength(2);
  });

  it('composes a constancia queued as its parameters when it sends it, as the filing had it', async () => {
    const filed = await fileCase(db, {}, FILED_AT);
    const row = await one(db.select().from(outbox).where(eq(outbox.caseId, filed.id)));
    expect(row).toMatchObject({ kind: 'constancia', bodyText: '', bodyHtml: null });
    expect(await deliverDueMail({ db, transport, now: NOW })).toMatchObject({ sent: 1 });
    const [mail] = smtp.received;
    expect(mail?.subject).toBe(`Constancia de radicación ${filed.radicado}`);
    expect(mail?.messageId).toBe(messageIdFor(`constancia.${filed.id}`));
    for (const part of [mail?.text ?? '', mail?.html || '']) {
      expect(part).toContain(filed.radicado);
      expect(part).toContain('13 de marzo de 2026, 16:30'); // received, on Bogotá's clock
      expect(part).toContain('/consulta/acceso?token=');
    }
    // The link was signed for the filing's instant: it expires counted from then, not from sending.
    const token = new URL(/https?:\/\/\S+consulta\/acceso\?\S+/.exec(mail!.text!)![0]).searchParams;
    expect(verifyCaseAccess(token.get('token'), FILED_AT)).toEqual({
      caseId: filed.id,
      expiresAt: new Date(FILED_AT.getTime() + EMAIL_LINK_DAYS * 24 * 60 * MINUTE),
    });
  });

  it('retries a temporary refusal with backoff and then delivers it', async () => {
    const id = await queue('t');
    smtp.refuseNext(451, 2);
    expect((await deliverDueMail({ db, transport, now: NOW })).retried).toBe(1);
    expect(await rowOf(id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(1) });
    expect((await rowOf(id)).lastError).toContain('451');
    // Not due yet: nothing happens.
    expect((await deliverDueMail({ db, transport, now: at(0.5) })).retried).toBe(0);
    expect((await deliverDueMail({ db, transport, now: at(1) })).retried).toBe(1);
    expect(await rowOf(id)).toMatchObject({ attempts: 2, nextAttemptAt: at(3) });
    expect((await deliverDueMail({ db, transport, now: at(3) })).sent).toBe(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(smtp.received).toHaveLength(1);
  });

  it('sends a batch in the order its messages came due, not as they were queued or retried', async () => {
    await queue('first');
    await queue('second');
    smtp.refuseNext(451);
    expect(await deliverDueMail({ db, transport, now: NOW, batch: 1 })).toMatchObject({
      retried: 1,
    });
    // 'first' is due again a minute later; 'second' has been due since NOW.
    expect((await deliverDueMail({ db, transport, now: at(2) })).sent).toBe(2);
    // And one queued to go later than the next one queued: the table's order is not the due order.
    await queue('at five', 'ana@example.co', at(5));
    await queue('at four', 'ana@example.co', at(4));
    expect((await deliverDueMail({ db, transport, now: at(6) })).sent).toBe(2);
    expect(smtp.received.map((m) => m.messageId)).toEqual(
      ['second', 'first', 'at four', 'at five'].map(messageIdFor),
    );
  });

  it('gives up at once on a permanent refusal (5xx)', async () => {
    const id = await queue('p');
    smtp.refuseNext(550);
    expect(await deliverDueMail({ db, transport, now: NOW })).toEqual({
      sent: 0,
      retried: 0,
      failed: 1,
    });
    expect((await rowOf(id)).status).toBe('failed');
    expect((await rowOf(id)).lastError).toContain('550');
  });

  it(`gives up after ${MAX_ATTEMPTS} temporary failures`, async () => {
    const id = await queue('m');
    smtp.refuseNext(451, MAX_ATTEMPTS);
    let now = NOW;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDueMail({ db, transport, now });
      now = new Date(now.getTime() + retryDelayMs(attempt));
    }
    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(smtp.received).toHaveLength(0);
  });

  it('backs off 1, 2, 4 … minutes, never more than 6 hours', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([1, 2, 4, 8].map((m) => m * MINUTE));
    expect(retryDelayMs(30)).toBe(6 * 60 * MINUTE);
  });
});

describe('a sender killed between claiming and delivering', () => {
  it('leaves every message to be delivered exactly once after the restart', async () => {
    // Queued a minute ago, so they are due for the child's real clock.
    const ids = await mapInOrder(['k1', 'k2', 'k3'], (k) =>
      queue(k, 'ana@example.co', new Date(Date.now() - 60_000)),
    );
    const child = fork(
      path.join(import.meta.dirname, '../testing/mail-sender-worker.ts'),
      [databaseTarget(db), smtp.url],
      {
        execArgv: ['--conditions=react-server', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m: { type: string }) => m.type === 'claimed' && resolve());
      child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // The dead sender's claim holds until its lease runs out: no second sender takes them meanwhile.
    expect(await statusesOf(ids)).toEqual(['sending', 'sending', 'sending']);
    const restartedAt = new Date(Date.now() + 60_000);
    expect((await deliverDueMail({ db, transport, now: restartedAt })).sent).toBe(0);

    const afterLease = new Date(Date.now() + SEND_LEASE_MS + 1000);
    expect((await deliverDueMail({ db, transport, now: afterLease })).sent).toBe(3);
    expect(
      await deliverDueMail({ db, transport, now: new Date(afterLease.getTime() + 3_600_000) }),
    ).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual(
      ['k1', 'k2', 'k3'].map(messageIdFor).sort(),
    );
    expect(await statusesOf(ids)).toEqual(['sent', 'sent', 'sent']);
  }, 30_000);
});

describe('the embedded default: .eml files', () => {
  it('writes one complete message per Message-ID, and a retry replaces rather than duplicates', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-eml-'));
    try {
      const eml = emlTransport(dir);
      await queue('e1');
      expect((await deliverDueMail({ db, transport: eml, now: NOW })).sent).toBe(1);
      const name = emlFileName(messageIdFor('e1'));
      expect(fs.readdirSync(dir)).toEqual([name]);
      const parsed = await simpleParser(fs.readFileSync(path.join(dir, name)));
      expect(parsed).toMatchObject({ messageId: messageIdFor('e1'), subject: 'Constancia e1' });
      expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('ana@example.co');
      expect(fs.statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
      await eml.send({
        from: 'x@y.z',
        to: 'ana@example.co',
        subject: 'Constancia e1',
        text: 'otra vez',
        html: null,
        messageId: messageIdFor('e1'),
      });
      expect(fs.readdirSync(dir)).toEqual([name]);
      eml.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
