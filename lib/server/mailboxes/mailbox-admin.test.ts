import { first } from '@/db/rows';
/**
 * Saving a mailbox (issue 19 "bad input"): the admin's settings are tried against the real server
 * before anything is stored, and each way it can fail is told on its field; a mailbox that worked
 * and later fails is recorded and, after 15 minutes, announced to the admins, never a crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { mailboxes, outbox } from '@/db/tables';
import en from '@/lib/i18n/messages/mailboxes.en.json';
import es from '@/lib/i18n/messages/mailboxes.es.json';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { countRows, seedFixture, type Fixture } from '../testing/fixtures';
import { freePort, startImapServer, type TestImapServer } from '../testing/imap-server';
import { openTestDb } from '../testing/test-db';
import { MAILBOX_ERRORS } from './mailbox-errors';
import { createMailbox, listMailboxes, setMailboxActive } from './mailboxes-admin';
import { alertIfFailing } from './status';
import { passMailbox } from './worker';

let server: TestImapServer;
let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let uploads: string;

beforeAll(async () => {
  server = await startImapServer({
    users: [
      { name: 'buzon', password: 'clave-correcta' },
      { name: 'cambia', password: 'clave-inicial' },
    ],
  });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-mbadmin-'));
  process.env.UPLOAD_DIR = uploads;
});
afterEach(async () => {
  delete process.env.UPLOAD_DIR;
  fs.rmSync(uploads, { recursive: true, force: true });
  await cleanup();
});

const admin = () => makeCtx(db, fx.admin, new Date());
const settings = (extra: Record<string, unknown> = {}) => ({
  name: 'PQRS principal',
  host: 'localhost',
  port: server.port,
  security: 'tls',
  username: 'buzon',
  secret: 'clave-correcta',
  caPem: server.certPem,
  ...extra,
});
const fieldErrorsOf = async (input: Record<string, unknown>) => {
  const error = (await createMailbox(admin(), input).catch((e: unknown) => e)) as {
    code?: string;
    fieldErrors?: Record<string, string[]>;
    detail?: { issues?: Record<string, { key: string }[]> };
  };
  expect(error.code).toBe('VALIDATION');
  if (error.fieldErrors) return error.fieldErrors;
  return Object.fromEntries(
    Object.entries(error.detail?.issues ?? {}).map(([field, issues]) => [
      field,
      issues.map((i) => i.key),
    ]),
  );
};

describe('saving a mailbox tries it first', () => {
  it('saves one that logs in, and makes its processed folder', async () => {
    const { id } = await createMailbox(admin(), settings({ processedFolder: 'Radicados' }));
    const [listed] = await listMailboxes(admin());
    expect(listed).toMatchObject({ id, name: 'PQRS principal', isActive: true, backlog: 0 });
    expect(JSON.stringify(listed)).not.toContain('clave-correcta');
    expect((await first(db.select().from(mailboxes)))!.secretSealed).not.toContain(
      'clave-correcta',
    );
  });

  it.each([
    ['a wrong password', { secret: 'clave-equivocada' }, { secret: ['connect.auth'] }],
    ['a host with nothing listening', { port: 0 }, { host: ['connect.host'] }],
    ['a certificate nobody vouches for', { caPem: '' }, { security: ['connect.tls'] }],
    ['a folder that does not exist', { folder: 'NoExiste' }, { folder: ['connect.folder'] }],
  ])(
    'refuses %s on its field and saves nothing',
    async (_label, extra, expected) => {
      const port = 'port' in extra ? await freePort() : undefined;
      const errors = await fieldErrorsOf(settings({ ...extra, ...(port ? { port } : {}) }));
      expect(errors).toEqual(expected);
      expect(await countRows(db, mailboxes)).toBe(0);
    },
    30_000,
  );

  it('refuses a host that does not exist on the host field', async () => {
    // Where no resolver answers, the look-up can end in the connection's time limit instead.
    const errors = await fieldErrorsOf(settings({ host: 'buzon.invalid' }));
    expect(Object.keys(errors)).toEqual(['host']);
    expect(['connect.host', 'connect.timeout']).toContain(errors.host![0]);
    expect(await countRows(db, mailboxes)).toBe(0);
  }, 40_000);

  it.each([
    ['a port out of range', { port: 70000 }, 'port', 'port'],
    ['the same folder twice', { processedFolder: 'INBOX' }, 'processedFolder', 'sameFolder'],
    ['OAuth2 without its token endpoint', { authKind: 'oauth2' }, 'oauthTokenUrl', 'required'],
    [
      'a token endpoint over plain http',
      { authKind: 'oauth2', oauthClientId: 'x', oauthTokenUrl: 'http://login.example.com/token' },
      'oauthTokenUrl',
      'tokenUrl',
    ],
    ['a host with spaces', { host: 'mail server' }, 'host', 'hostName'],
  ])('checks %s before connecting', async (_label, extra, field, key) => {
    const errors = await fieldErrorsOf(settings(extra));
    expect(errors[field]).toContain(key);
  });

  it('has words in Spanish and English for every way a connection fails', async () => {
    for (const messages of [es, en]) {
      const connect = messages.mailboxes.validation.connect as Record<string, string>;
      for (const kind of MAILBOX_ERRORS) expect(connect[kind]).toBeTruthy();
    }
  });
});

describe('a mailbox that worked and then fails', () => {
  it('records the failure, alerts the admins once after 15 minutes, and heals', async () => {
    const { id } = await createMailbox(
      admin(),
      settings({ username: 'cambia', secret: 'clave-inicial' }),
    );
    const ctxAt = (minutes: number) => () =>
      makeCtx(db, SYSTEM_ACTOR, new Date(Date.now() + minutes * 60_000));
    expect(await passMailbox(ctxAt(0), id)).toMatchObject({ failed: 0 });

    await server.setPassword('cambia', 'otra-clave');
    expect(await passMailbox(ctxAt(1), id)).toBeNull();
    const failing = (await first(db.select().from(mailboxes).where(eq(mailboxes.id, id))))!;
    expect(failing.lastError).toMatch(/^auth\|/);
    expect(failing.failingSince).not.toBeNull();
    const alerts = async () =>
      await db.select().from(outbox).where(eq(outbox.kind, 'mailbox_failing'));
    expect(await alerts()).toHaveLength(0);

    expect(await passMailbox(ctxAt(17), id)).toBeNull();
    expect(await alerts()).toHaveLength(1);
    expect((await alerts())[0]!.subject).toContain('PQRS principal');
    expect(await alertIfFailing(db, id, new Date(Date.now() + 30 * 60_000))).toBe(0);
    expect(await passMailbox(ctxAt(20), id)).toBeNull();
    expect(await alerts()).toHaveLength(1);

    await server.setPassword('cambia', 'clave-inicial');
    expect(await passMailbox(ctxAt(21), id)).toMatchObject({ failed: 0 });
    expect(await first(db.select().from(mailboxes).where(eq(mailboxes.id, id)))).toMatchObject({
      failingSince: null,
      alertedAt: null,
    });
  }, 30_000);

  it('is switched off and on by an admin only', async () => {
    const { id } = await createMailbox(admin(), settings());
    await expect(setMailboxActive(makeCtx(db, fx.agent), { id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await setMailboxActive(admin(), { id });
    expect((await listMailboxes(admin()))[0]!.isActive).toBe(false);
  });
});
