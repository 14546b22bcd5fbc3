/**
 * Pulling petitions from a real mailbox (issue 19): Debian's Dovecot, started by the test in a
 * temporary folder, holds the entity's mailbox; messages are delivered to it with IMAP APPEND and
 * their server arrival time, and Ventanilla's worker takes them: in a process of its own, killed
 * with SIGKILL in the middle and started again, and in this process for the odd messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { first as firstRow, one } from '@/db/rows';
import { attachments, caseEvents, cases, inboundMail, mailboxes } from '@/db/tables';
import { makeCtx } from '../core/context';
import { SYSTEM_ACTOR } from '../core/actor';
import { countRows, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { imapSession, messageIdsIn, plainMessage } from '../testing/imap-client';
import { oddMessages } from '../testing/odd-mail';
import { startImapServer, type TestImapServer } from '../testing/imap-server';
import { databaseTarget, openTestDb } from '../testing/test-db';
import { createMailbox } from './mailboxes-admin';
import { passMailbox, startMailboxWorker } from './worker';

const USER = 'pqrs';
const PASSWORD = 'clave-del-buzon';
let server: TestImapServer;
let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let uploads: string;
let mail: ImapFlow;
let user: string;
let userCount = 0;

beforeAll(async () => {
  server = await startImapServer({
    users: Array.from({ length: 6 }, (_, i) => ({ name: `${USER}${i}`, password: PASSWORD })),
  });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-pull-'));
  process.env.UPLOAD_DIR = uploads;
  // Each test reads a mailbox of its own on the one server.
  user = `${USER}${userCount++}`;
  mail = await imapSession(server, user, PASSWORD);
});
afterEach(async () => {
  await mail.logout().catch(() => {});
  delete process.env.UPLOAD_DIR;
  fs.rmSync(uploads, { recursive: true, force: true });
  await cleanup();
});

const ARRIVED = new Date('2026-12-01T15:00:00.000Z');
const adminCtx = () => makeCtx(db, fx.admin, new Date());

async function addMailbox(extra: Record<string, unknown> = {}) {
  return createMailbox(adminCtx(), {
    name: `Buzón ${user}`,
    host: 'localhost',
    port: server.port,
    security: 'tls',
    username: user,
    secret: PASSWORD,
    caPem: server.certPem,
    ...extra,
  });
}

const deliver = (raw: string | Buffer, at = ARRIVED) => mail.append('INBOX', raw, [], at);

describe('a mailbox of 200 petitions', () => {
  it('becomes 200 cases or replies, each once, across a SIGKILL and two instances after it', async () => {
    // Ten petitioners already have a case: their mail answers it.
    const earlier = [];
    for (let i = 0; i < 10; i++) {
      earlier.push(
        await fileCase(db, {
          customer: {
            documentType: 'CC',
            documentNumber: `7000${i}`,
            fullName: `Peticionario ${i}`,
            email: `antes${i}@example.co`,
          },
        }),
      );
    }
    const { id } = await addMailbox();
    const sent: string[] = [];
    for (let i = 0; i < 200; i++) {
      const messageId = `<m${i}.${Date.now()}@example.co>`;
      sent.push(messageId);
      const reply = i % 20 === 0 ? earlier[i / 20]! : null;
      await deliver(
        plainMessage({
          from: reply ? `antes${i / 20}@example.co` : `persona${i}@example.co`,
          subject: reply ? `Re: ${reply.radicado}` : `Petición número ${i} sobre mi servicio`,
          text: `Texto de la petición ${i}: solicito información sobre el cobro de mi factura.`,
          messageId,
        }),
      );
    }

    const taken = async (n: number) => (await countRows(db, inboundMail)) >= n;
    // Killed the moment it reports its 40th message: in the middle of a chunk, some of its
    // messages committed and none of them moved yet.
    const first = startWorker(databaseTarget(db));
    let reported = 0;
    first.on('message', (message: { type?: string }) => {
      if (message.type === 'taken' && ++reported === 40) first.kill('SIGKILL');
    });
    await new Promise((resolve) => first.once('exit', resolve));
    const afterKill = await countRows(db, inboundMail);
    expect(afterKill).toBeGreaterThanOrEqual(40);
    expect(afterKill).toBeLessThan(200);

    // Restarted, and a second instance beside it on the same mailbox.
    const second = startWorker(databaseTarget(db));
    const third = startWorker(databaseTarget(db));
    try {
      await until(async () => await taken(200), 120_000);
      await until(async () => (await messageIdsIn(mail, 'INBOX')).length === 0, 30_000);
    } finally {
      second.kill('SIGKILL');
      third.kill('SIGKILL');
    }

    const records = await db.select().from(inboundMail);
    expect(records).toHaveLength(200);
    expect(new Set(records.map((r) => r.messageKey)).size).toBe(200);
    expect(records.filter((r) => r.outcome === 'created')).toHaveLength(190);
    expect(records.filter((r) => r.outcome === 'threaded')).toHaveLength(10);
    expect(records.every((r) => r.mailboxId === id && r.uid !== null)).toBe(true);
    // 190 new cases besides the 10 earlier ones, each reply once on its case.
    const emailCases = await db.select().from(cases).where(eq(cases.channel, 'email'));
    expect(emailCases).toHaveLength(190);
    expect(emailCases.every((c) => c.receivedAt.getTime() === ARRIVED.getTime())).toBe(true);
    for (const c of earlier) {
      const replies = (
        await db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id))
      ).filter((e) => e.action === 'customer_message');
      expect(replies).toHaveLength(1);
    }
    // The processed folder holds exactly the 200, once each; the inbox is empty.
    const processed = await messageIdsIn(mail, 'Procesados');
    expect(processed.sort()).toEqual([...sent].sort());
    expect(await messageIdsIn(mail, 'INBOX')).toEqual([]);
  }, 240_000);
});

describe('messages that cannot be taken whole', () => {
  const good = (i: number) =>
    plainMessage({
      from: `vecino${i}@example.co`,
      subject: `Reclamo ${i} por el alumbrado público`,
      text: 'La lámpara de la esquina lleva un mes apagada; pido que la reparen.',
      messageId: `<bueno${i}.${user}@example.co>`,
    });
  const odd = () => oddMessages(user);

  it('radicates the broken and the oversize, quarantines the bounce and the spam, and goes on', async () => {
    const { id } = await addMailbox({ maxMegabytes: 1 });
    for (const raw of [
      good(1),
      odd().malformed,
      good(2),
      odd().oversize,
      good(3),
      odd().bounce,
      odd().spam,
      good(4),
    ]) {
      await deliver(raw);
    }
    const ctx = () => makeCtx(db, SYSTEM_ACTOR, new Date());
    const result = await passMailbox(ctx, id);
    expect(result).toMatchObject({ created: 6, quarantined: 2, failed: 0, backlog: 0 });

    const byKey = (key: string) =>
      firstRow(db.select().from(inboundMail).where(eq(inboundMail.messageKey, key)));
    const broken = (await byKey(`mid:<roto.${user}@example.co>`))!;
    expect(broken).toMatchObject({ outcome: 'created', reason: 'malformed' });
    const big = (await byKey(`mid:<grande.${user}@example.co>`))!;
    expect(big).toMatchObject({ outcome: 'created', reason: 'oversize' });
    expect(big.sizeBytes).toBeGreaterThan(1024 * 1024);
    expect(await byKey(`mid:<rebote.${user}@mx.example.co>`)).toMatchObject({
      outcome: 'quarantined',
      reason: 'bounce',
      caseId: null,
    });
    expect(await byKey(`mid:<spam.${user}@premios.example>`)).toMatchObject({
      outcome: 'quarantined',
      reason: 'spam',
    });

    // What could be read is the petition; the whole message waits for staff, unseen by the portal.
    const bigCase = await one(db.select().from(cases).where(eq(cases.id, big.caseId!)));
    expect(bigCase.subject).toBe('Envío las fotos del daño');
    expect(bigCase.description).toContain('Adjunto las fotos del daño');
    expect(bigCase.description).toContain('más que el límite del buzón');
    expect(bigCase.receivedAt).toEqual(ARRIVED);
    const [original] = await db
      .select()
      .from(attachments)
      .where(eq(attachments.caseId, big.caseId!));
    expect(original).toMatchObject({
      kind: 'original_mail',
      visibility: 'internal',
      sizeBytes: big.sizeBytes,
    });
    expect(fs.statSync(path.join(uploads, original!.storedName)).size).toBe(big.sizeBytes);
    const brokenCase = await one(db.select().from(cases).where(eq(cases.id, broken.caseId!)));
    expect(brokenCase.description).toContain('no se pudo leer');
    expect(await countRows(db, attachments)).toBe(2);

    // Every message was processed and moved, in order; nothing is left behind.
    expect(await messageIdsIn(mail, 'INBOX')).toEqual([]);
    expect(await messageIdsIn(mail, 'Procesados')).toHaveLength(8);
    // A second pass finds nothing to do.
    expect(await passMailbox(ctx, id)).toMatchObject({ created: 0, quarantined: 0, duplicate: 0 });
  }, 60_000);

  it('moves a message recorded before a crash without radicating it again', async () => {
    const { id } = await addMailbox();
    await deliver(good(5));
    const ctx = () => makeCtx(db, SYSTEM_ACTOR, new Date());
    await passMailbox(ctx, id);
    // A crash after the commit, before the move, leaves the message in the inbox: put it back.
    const lock = await mail.getMailboxLock('Procesados');
    try {
      await mail.messageCopy('1:*', 'INBOX');
    } finally {
      lock.release();
    }
    expect(await messageIdsIn(mail, 'INBOX')).toEqual([`<bueno5.${user}@example.co>`]);
    const again = await passMailbox(ctx, id);
    expect(again).toMatchObject({ created: 0, duplicate: 1 });
    expect(await db.select().from(cases).where(eq(cases.channel, 'email'))).toHaveLength(1);
    expect(await messageIdsIn(mail, 'INBOX')).toEqual([]);
    expect(await messageIdsIn(mail, 'Procesados')).toHaveLength(2);
  }, 60_000);
});

describe('the worker', () => {
  it('takes new mail within seconds through IDLE, though it polls only every minute', async () => {
    const { id } = await addMailbox();
    const passes: number[] = [];
    const worker = await startMailboxWorker({
      ctx: () => makeCtx(db, SYSTEM_ACTOR, new Date()),
      pollMs: 60_000,
      retryMs: 60_000,
      reloadMs: 60_000,
      onPass: (mailboxId) => passes.push(mailboxId),
    });
    try {
      await until(() => passes.length > 0, 10_000);
      const delivered = Date.now();
      await deliver(
        plainMessage({
          from: 'rapida@example.co',
          subject: 'Petición que llega con el buzón abierto',
          text: 'Solicito información sobre el horario de atención al público.',
          messageId: `<idle.${user}@example.co>`,
        }),
      );
      await until(async () => (await countRows(db, inboundMail)) === 1, 15_000);
      expect(Date.now() - delivered).toBeLessThan(15_000);
      expect(passes.every((p) => p === id)).toBe(true);
      expect(await firstRow(db.select().from(mailboxes).where(eq(mailboxes.id, id)))).toMatchObject(
        {
          backlog: 0,
          failingSince: null,
        },
      );
    } finally {
      await worker.stop();
    }
  }, 40_000);
});

/** The mailbox worker in a process of its own on the test's database (its file or its URL). */
function startWorker(target: string): ChildProcess {
  return fork(path.join(import.meta.dirname, '../testing/mailbox-worker-process.ts'), [target], {
    cwd: process.cwd(),
    execArgv: ['--conditions=react-server', '--import', 'tsx'],
    env: { ...process.env, UPLOAD_DIR: uploads },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
