/**
 * The inbound SMTP listener's protections on real sockets (issue 13 §9): the listener on a random
 * local port, a real client (nodemailer), the SQLite rate-limit counters of a fresh database, and a
 * throwaway self-signed certificate made with the openssl CLI for STARTTLS.
 */
import { eq } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { cases } from '@/db/tables';
import { parseEnv } from '@/lib/env';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { seedFixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { mailPolicyFromEnv } from './mail-policy';
import { startInboundSmtp, type InboundSmtpOptions } from './mail-server';

let db: Conn;
let cleanup: () => Promise<void>;
let uploads: string;
let listeners: Awaited<ReturnType<typeof startInboundSmtp>>[];
let warnings: string[];

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  await seedFixture(db);
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-smtp-limits-'));
  process.env.UPLOAD_DIR = uploads;
  listeners = [];
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
});
afterEach(async () => {
  await Promise.all(listeners.map((listener) => listener.close()));
  vi.restoreAllMocks();
  delete process.env.UPLOAD_DIR;
  fs.rmSync(uploads, { recursive: true, force: true });
  await cleanup();
});

/** Our listener on 127.0.0.1 with these protections (the rest at their defaults). */
async function listen(options: Omit<InboundSmtpOptions, 'port'> = {}) {
  const listener = await startInboundSmtp({
    port: 0,
    host: '127.0.0.1',
    ctx: () => makeCtx(db, SYSTEM_ACTOR),
    ...options,
  });
  listeners.push(listener);
  return listener.port;
}

/** One message the way a mail server would send it; resolves to the client's result or error. */
async function send(
  port: number,
  message: nodemailer.SendMailOptions = {},
  client: SMTPTransport.Options = { ignoreTLS: true },
) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ...client,
  });
  try {
    return await transport.sendMail({
      from: 'ana@example.co',
      to: 'pqrs@entidad.gov.co',
      subject: 'Consulta',
      text: 'Quisiera saber el horario de atención.',
      ...message,
    });
  } catch (error) {
    return error as Error & { responseCode?: number; response?: string; command?: string };
  } finally {
    transport.close();
  }
}

const emailCases = async () => await db.select().from(cases).where(eq(cases.channel, 'email'));

describe('message limits', () => {
  it('turns 20 messages from one sender into 20 cases and refuses the 21st at MAIL FROM', async () => {
    const port = await listen();
    for (let i = 1; i <= 20; i++) {
      expect(await send(port, { from: 'Ana@Example.co', subject: `Consulta ${i}` })).toMatchObject({
        accepted: ['pqrs@entidad.gov.co'],
      });
    }
    expect(await emailCases()).toHaveLength(20);

    // The same sender in other letters is the same sender; refused before the body is sent.
    const refused = await send(port, { from: 'ana@EXAMPLE.CO', subject: 'Consulta 21' });
    expect(refused).toMatchObject({ responseCode: 451, command: 'MAIL FROM' });
    expect(refused).toHaveProperty('response', expect.stringMatching(/^451 4\.7\.1 /));
    expect(await emailCases()).toHaveLength(20);
    expect(warnings).toEqual([
      'inbound SMTP: refused a message: sender over its message limit from 127.0.0.1 (sender <ana@example.co>)',
    ]);

    // Another sender through the same client still gets through.
    expect(await send(port, { from: 'beto@example.net' })).toMatchObject({
      accepted: ['pqrs@entidad.gov.co'],
    });
    expect(await emailCases()).toHaveLength(21);
  });

  it('lets the sender in again once its window has passed', async () => {
    const port = await listen({ senderLimit: 2, windowSeconds: 1 });
    await send(port);
    await send(port);
    expect(await send(port)).toMatchObject({ responseCode: 451 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await send(port)).toMatchObject({ accepted: ['pqrs@entidad.gov.co'] });
    expect(await emailCases()).toHaveLength(3);
  });

  it('limits one client address whatever senders it gives', async () => {
    const port = await listen({ addressLimit: 3 });
    for (const from of ['a@example.co', 'b@example.co', 'c@example.co']) {
      expect(await send(port, { from })).toMatchObject({ accepted: ['pqrs@entidad.gov.co'] });
    }
    const refused = await send(port, { from: 'd@example.co' });
    expect(refused).toMatchObject({ responseCode: 451, command: 'MAIL FROM' });
    expect(refused).toHaveProperty('response', expect.stringMatching(/^451 4\.7\.1 /));
    expect(await emailCases()).toHaveLength(3);
    expect(warnings[0]).toMatch(/client address over its message limit from 127\.0\.0\.1/);
  });

  it('refuses the 11th recipient of one message and files the message once', async () => {
    const port = await listen();
    const to = Array.from({ length: 12 }, (_, i) => `buzon${i + 1}@entidad.gov.co`);
    const result = await send(port, { to });
    expect(result).toMatchObject({ accepted: to.slice(0, 10), rejected: to.slice(10) });
    expect(result).toHaveProperty('rejectedErrors.0.responseCode', 452);
    expect(result).toHaveProperty(
      'rejectedErrors.0.response',
      expect.stringMatching(/^452 4\.5\.3 /),
    );
    expect(await emailCases()).toHaveLength(1);
    expect(warnings).toEqual([
      'inbound SMTP: refused recipients over the cap from 127.0.0.1 (sender <ana@example.co>)',
    ]);
  });

  it('refuses an oversize message with 552 5.3.4', async () => {
    const port = await listen({ maxBytes: 10_000 });
    const refused = await send(port, { text: 'x'.repeat(20_000) });
    expect(refused).toMatchObject({ responseCode: 552 });
    expect(refused).toHaveProperty('response', expect.stringMatching(/^552 5\.3\.4 /));
    expect(await emailCases()).toHaveLength(0);
  });
});

describe('the relay allow-list', () => {
  it('refuses a client outside it at connect, and takes mail from one inside', async () => {
    const closed = await listen({ relays: ['10.0.0.0/8'] });
    const refused = await send(closed);
    expect(refused).toMatchObject({ responseCode: 554 });
    expect(refused).toHaveProperty('response', expect.stringMatching(/^554 5\.7\.1 /));
    expect(warnings).toEqual([
      'inbound SMTP: refused a client outside INBOUND_SMTP_RELAYS from 127.0.0.1',
    ]);
    expect(await emailCases()).toHaveLength(0);

    const open = await listen({ relays: ['10.0.0.0/8', '127.0.0.0/8'] });
    expect(await send(open)).toMatchObject({ accepted: ['pqrs@entidad.gov.co'] });
    expect(await emailCases()).toHaveLength(1);
  });
});

describe('STARTTLS and AUTH', () => {
  let certs: string;
  let tlsFiles: { key: Buffer; cert: Buffer };
  const credentials = { user: 'relay', password: 'correcto-caballo-bateria' };
  const overTls: SMTPTransport.Options = { requireTLS: true, tls: { rejectUnauthorized: false } };

  beforeAll(() => {
    certs = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-smtp-tls-'));
    const [key, cert] = [path.join(certs, 'key.pem'), path.join(certs, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost'],
        ...['-days', '1', '-keyout', key, '-out', cert],
      ],
      { stdio: 'pipe' },
    );
    tlsFiles = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  });
  afterAll(() => fs.rmSync(certs, { recursive: true, force: true }));

  it('offers STARTTLS, and with TLS required refuses mail before it', async () => {
    const offered = await listen({ tls: { ...tlsFiles, required: false } });
    expect(await send(offered, {}, overTls)).toMatchObject({ accepted: ['pqrs@entidad.gov.co'] });
    expect(await send(offered)).toMatchObject({ accepted: ['pqrs@entidad.gov.co'] });

    const required = await listen({ tls: { ...tlsFiles, required: true } });
    const refused = await send(required);
    expect(refused).toMatchObject({ responseCode: 530, command: 'MAIL FROM' });
    expect(refused).toHaveProperty('response', expect.stringMatching(/^530 5\.7\.0 /));
    expect(await send(required, {}, overTls)).toMatchObject({ accepted: ['pqrs@entidad.gov.co'] });
    expect(await emailCases()).toHaveLength(3);
  });

  it('requires AUTH over TLS: refuses mail without it and wrong credentials, takes the right ones', async () => {
    const port = await listen({
      tls: { ...tlsFiles, required: false },
      auth: { ...credentials, insecure: false },
    });
    const anonymous = await send(port, {}, overTls);
    expect(anonymous).toMatchObject({ responseCode: 530, command: 'MAIL FROM' });

    const wrong = await send(port, {}, { ...overTls, auth: { ...credentials, pass: 'otra' } });
    expect(wrong).toMatchObject({ code: 'EAUTH', responseCode: 535 });
    expect(warnings).toContain('inbound SMTP: refused wrong AUTH credentials from 127.0.0.1');

    // Credentials are not taken in clear text while TLS is on offer.
    const clear = await send(
      port,
      {},
      { ignoreTLS: true, auth: { ...credentials, pass: credentials.password } },
    );
    expect(clear).toMatchObject({ code: 'EAUTH', responseCode: 538 });
    expect(await emailCases()).toHaveLength(0);

    const right = await send(
      port,
      {},
      { ...overTls, auth: { ...credentials, pass: credentials.password } },
    );
    expect(right).toMatchObject({ accepted: ['pqrs@entidad.gov.co'] });
    expect(await emailCases()).toHaveLength(1);
  });

  it('stops looking at credentials from an address after too many wrong ones', async () => {
    const port = await listen({
      tls: { ...tlsFiles, required: false },
      auth: { ...credentials, insecure: false },
      authFailureLimit: 2,
    });
    const auth = (pass: string) => ({ ...overTls, auth: { user: credentials.user, pass } });
    expect(await send(port, {}, auth('uno'))).toMatchObject({ responseCode: 535 });
    expect(await send(port, {}, auth('dos'))).toMatchObject({ responseCode: 535 });
    const locked = await send(port, {}, auth(credentials.password));
    expect(locked).toMatchObject({ code: 'EAUTH', responseCode: 454 });
    expect(locked).toHaveProperty('response', expect.stringMatching(/^454 4\.7\.0 /));
    expect(warnings.at(-1)).toBe(
      'inbound SMTP: refused AUTH after too many failures from 127.0.0.1',
    );
    expect(await emailCases()).toHaveLength(0);
  });

  it('takes AUTH in clear text only when explicitly allowed and there is no TLS', async () => {
    const port = await listen({ auth: { ...credentials, insecure: true } });
    expect(await send(port)).toMatchObject({ responseCode: 530 });
    const auth = { user: credentials.user, pass: credentials.password };
    expect(await send(port, {}, { ignoreTLS: true, auth })).toMatchObject({
      accepted: ['pqrs@entidad.gov.co'],
    });
    expect(await emailCases()).toHaveLength(1);
  });

  it('reads the protections from the environment, the TLS files from their paths', () => {
    const keyFile = path.join(certs, 'key.pem');
    const certFile = path.join(certs, 'cert.pem');
    const policy = mailPolicyFromEnv(
      parseEnv({
        INBOUND_SMTP_SENDER_LIMIT: '5',
        INBOUND_SMTP_RELAYS: '10.0.0.0/8, 192.168.1.7',
        INBOUND_SMTP_TLS_KEY: keyFile,
        INBOUND_SMTP_TLS_CERT: certFile,
        INBOUND_SMTP_REQUIRE_TLS: 'on',
        INBOUND_SMTP_USER: 'relay',
        INBOUND_SMTP_PASSWORD: 'secreto',
      }),
    );
    expect(policy).toMatchObject({
      senderLimit: 5,
      addressLimit: 60,
      maxRecipients: 10,
      relays: ['10.0.0.0/8', '192.168.1.7'],
      tls: { key: tlsFiles.key, cert: tlsFiles.cert, required: true },
      auth: { user: 'relay', password: 'secreto', insecure: false },
    });
    expect(() =>
      mailPolicyFromEnv(
        parseEnv({
          INBOUND_SMTP_TLS_KEY: path.join(certs, 'missing.pem'),
          INBOUND_SMTP_TLS_CERT: certFile,
        }),
      ),
    ).toThrow(/INBOUND_SMTP_TLS_KEY: cannot read/);
  });
});
