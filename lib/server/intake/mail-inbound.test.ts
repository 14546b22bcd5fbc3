/**
 * Inbound e-mail end to end on real sockets: a customer's mail reaches our SMTP listener (random
 * local port), becomes a case, and the constancia leaves through the outbox to a second real SMTP
 * server standing in for the customer's mailbox.
 */
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { first as firstRow } from '@/db/rows';
import { attachments, cases, inboundMail } from '@/db/tables';
import { PDF, ELF } from '@/e2e/support/files';
import { applyCaseAction } from '../cases/apply-case-action';
import { caseRow, countRows, eventsOf, seedFixture, type Fixture } from '../testing/fixtures';
import { startTestSmtp, type TestSmtp } from '../testing/smtp';
import { openTestDb } from '../testing/test-db';
import { startInboundSmtp } from './mail-server';
import { deliverDueMail } from '../notices/sender';
import { smtpTransport, type MailTransport } from '../notices/transport';
import { makeCtx } from '@/lib/server/core/context';
import { SYSTEM_ACTOR } from '../core/actor';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let mailbox: TestSmtp;
let outgoing: MailTransport;
let inbound: Awaited<ReturnType<typeof startInboundSmtp>>;
let uploads: string;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-inbound-'));
  process.env.UPLOAD_DIR = uploads;
  mailbox = await startTestSmtp();
  outgoing = smtpTransport(mailbox.url);
  inbound = await startInboundSmtp({
    port: 0,
    host: '127.0.0.1',
    ctx: () => makeCtx(db, SYSTEM_ACTOR),
    maxBytes: 200_000,
  });
});
afterEach(async () => {
  outgoing.close();
  await inbound.close();
  await mailbox.close();
  delete process.env.UPLOAD_DIR;
  fs.rmSync(uploads, { recursive: true, force: true });
  await cleanup();
});

/** Sends one message to our listener the way a mail server would. */
async function send(message: nodemailer.SendMailOptions) {
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: inbound.port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await client.sendMail({
      from: 'Ana Pérez <ana@example.co>',
      to: 'pqrs@entidad.gov.co',
      ...message,
    });
  } finally {
    client.close();
  }
}

const emailCases = async () =>
  await db.select().from(cases).where(eq(cases.channel, 'email')).orderBy(cases.id);

describe('a customer writes to the PQRS address', () => {
  it('creates a case on the email channel and mails the constancia back', async () => {
    await send({
      subject: 'Cobro doble en la factura de marzo',
      text: 'Me cobraron dos veces el servicio de marzo. Solicito la devolución.',
      attachments: [{ filename: 'factura.pdf', content: PDF }],
    });
    const [created, ...others] = await emailCases();
    expect(others).toEqual([]);
    expect(created).toMatchObject({
      typeCode: 'P',
      state: 'radicada',
      subject: 'Cobro doble en la factura de marzo',
      responseMedium: 'email',
      responseAddress: 'ana@example.co',
      customerId: null,
    });
    expect(created!.description).toContain('Me cobraron dos veces');
    expect(created!.description).toContain('Ana Pérez <ana@example.co>');
    expect(
      await db.select().from(attachments).where(eq(attachments.caseId, created!.id)),
    ).toMatchObject([{ originalName: 'factura.pdf', mimeType: 'application/pdf' }]);

    await deliverDueMail({ db, transport: outgoing });
    const [constancia] = mailbox.received;
    expect(constancia?.subject).toBe(`Constancia de radicación ${created!.radicado}`);
    expect(constancia?.to && 'text' in constancia.to ? constancia.to.text : '').toBe(
      'ana@example.co',
    );
  });

  it('threads a reply to our message into the same case, answering an information request', async () => {
    await send({
      subject: 'Solicitud de copia del contrato',
      text: 'Necesito copia de mi contrato de servicio.',
    });
    const [created] = await emailCases();
    await deliverDueMail({ db, transport: outgoing });
    const constanciaId = mailbox.received[0]!.messageId!;

    await applyCaseAction(makeCtx(db, fx.agent), { caseId: created!.id, action: 'take' });
    await applyCaseAction(makeCtx(db, fx.agent), {
      caseId: created!.id,
      action: 'request_info',
      body: 'Indique el número de contrato.',
    });
    expect((await caseRow(db, created!.id)).state).toBe('requiere_informacion');

    await send({
      subject: `Re: Constancia de radicación ${created!.radicado}`,
      text: 'El contrato es el 4455-2024.',
      inReplyTo: constanciaId,
      references: [constanciaId],
    });
    expect(await emailCases()).toHaveLength(1);
    expect(await caseRow(db, created!.id)).toMatchObject({ state: 'en_tramite', isPaused: false });
    expect((await eventsOf(db, created!.id)).at(-1)).toMatchObject({
      action: 'provide_info',
      body: 'El contrato es el 4455-2024.',
    });

    // A later reply, with only the radicado in the subject, joins the history without a state change.
    await send({ subject: `RV: ${created!.radicado}`, text: '¿Hay novedades?' });
    expect(await emailCases()).toHaveLength(1);
    expect((await eventsOf(db, created!.id)).at(-1)).toMatchObject({
      action: 'customer_message',
      actorRole: 'customer',
      visibility: 'public',
      body: '¿Hay novedades?',
    });
  });

  it('does not let a stranger add to someone else’s case by quoting its radicado', async () => {
    await send({
      subject: 'Petición de información',
      text: 'Quisiera saber el horario de atención.',
    });
    const [first] = await emailCases();
    await send({
      from: 'otro@example.net',
      subject: `Re: ${first!.radicado}`,
      text: 'Agrego esto al caso de otra persona.',
    });
    expect(await emailCases()).toHaveLength(2);
    expect((await eventsOf(db, first!.id)).map((e) => e.action)).toEqual(['radicar']);
  });

  it('keeps the attachments that pass the portal checks, drops the others and keeps the original for staff', async () => {
    await send({
      subject: 'Adjunto soportes del reclamo',
      text: 'Adjunto la factura y otro archivo con soportes.',
      attachments: [
        { filename: 'factura.pdf', content: PDF },
        { filename: 'soporte.pdf', content: ELF },
      ],
    });
    const [created] = await emailCases();
    expect(
      await db
        .select({
          name: attachments.originalName,
          visibility: attachments.visibility,
          kind: attachments.kind,
        })
        .from(attachments)
        .where(eq(attachments.caseId, created!.id))
        .orderBy(attachments.id),
    ).toEqual([
      { name: 'factura.pdf', visibility: 'public', kind: 'file' },
      { name: 'correo-original.eml', visibility: 'internal', kind: 'original_mail' },
    ]);
    expect(created!.description).toContain(
      'Adjuntos no aceptados por su tipo o tamaño: soporte.pdf',
    );
    expect(await firstRow(db.select().from(inboundMail))).toMatchObject({
      outcome: 'created',
      reason: 'attachments',
      caseId: created!.id,
    });
    expect(fs.readdirSync(uploads)).toHaveLength(2);
  });
});

describe('mail that must not start a conversation', () => {
  it.each([
    ['an out-of-office reply (Auto-Submitted)', { headers: { 'Auto-Submitted': 'auto-replied' } }],
    ['a list or bulk message', { headers: { Precedence: 'bulk' } }],
    ['a bounce from the mailer daemon', { from: 'MAILER-DAEMON@mx.example.co' }],
  ])('quarantines %s without answering it', async (_label, extra) => {
    await send({ subject: 'Fuera de la oficina', text: 'Estaré fuera hasta el lunes.', ...extra });
    expect(await countRows(db, cases)).toBe(0);
    const [entry] = await db.select().from(inboundMail);
    expect(entry).toMatchObject({ source: 'smtp', outcome: 'quarantined', caseId: null });
    expect(['auto_reply', 'bounce']).toContain(entry!.reason);
    expect(fs.readdirSync(uploads)).toEqual([entry!.rawStoredName]);
    await deliverDueMail({ db, transport: outgoing });
    expect(mailbox.received).toHaveLength(0);
  });

  it('refuses an oversize message with an SMTP error and keeps nothing', async () => {
    const error = await send({
      subject: 'Archivo grande',
      text: 'Adjunto un archivo muy grande.',
      attachments: [
        { filename: 'grande.pdf', content: Buffer.concat([PDF, Buffer.alloc(300_000, 0x20)]) },
      ],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ responseCode: 552 });
    expect(await countRows(db, cases)).toBe(0);
    expect(fs.readdirSync(uploads)).toHaveLength(0);
  });
});
