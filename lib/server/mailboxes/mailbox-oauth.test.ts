import { first } from '@/db/rows';
/**
 * OAuth2 mailboxes (issue 19 §1): Dovecot checks XOAUTH2 tokens against a local provider's
 * introspection endpoint, as Microsoft 365 and Google do theirs; Ventanilla renews its access
 * token at that provider's token endpoint. Refresh, expiry and a revoked grant, which reaches the
 * admins by e-mail through a real SMTP server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { cases, mailboxes, staffUsers } from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { deliverDueMail } from '../notices/sender';
import { smtpTransport } from '../notices/transport';
import { seedFixture, type Fixture } from '../testing/fixtures';
import { imapSession, plainMessage } from '../testing/imap-client';
import { startImapServer, type TestImapServer } from '../testing/imap-server';
import { startOAuthServer, type TestOAuthServer } from '../testing/oauth-server';
import { startTestSmtp, type TestSmtp } from '../testing/smtp';
import { openTestDb } from '../testing/test-db';
import { createMailbox } from './mailboxes-admin';
import { passMailbox } from './worker';

const CLIENT = { id: 'ventanilla-app', secret: 'secreto-del-cliente' };
const REFRESH = 'refresh-token-del-buzon';
let oauth: TestOAuthServer;
let server: TestImapServer;
let smtp: TestSmtp;
let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let uploads: string;
let mail: ImapFlow;

beforeAll(async () => {
  oauth = await startOAuthServer({
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    grants: { [REFRESH]: 'pqrs@entidad.gov.co' },
  });
  server = await startImapServer({
    users: [{ name: 'pqrs@entidad.gov.co', password: 'solo-para-la-prueba' }],
    oauth2: { introspectionUrl: oauth.introspectionUrl },
  });
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await server.stop();
  await oauth.close();
  await smtp.close();
});
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-oauth-'));
  process.env.UPLOAD_DIR = uploads;
  mail = await imapSession(server, 'pqrs@entidad.gov.co', 'solo-para-la-prueba');
  oauth.setLifetime(3600);
});
afterEach(async () => {
  await mail.logout().catch(() => {});
  delete process.env.UPLOAD_DIR;
  fs.rmSync(uploads, { recursive: true, force: true });
  await cleanup();
});

let seq = 0;
const deliver = () =>
  mail.append(
    'INBOX',
    plainMessage({
      from: `persona${++seq}@example.co`,
      subject: `Petición por OAuth ${seq}`,
      text: 'Solicito copia de mi historial de pagos del último año.',
      messageId: `<oauth${seq}.${Date.now()}@example.co>`,
    }),
  );

async function addOAuthMailbox() {
  return createMailbox(makeCtx(db, fx.admin, new Date()), {
    name: 'Buzón Microsoft 365',
    host: 'localhost',
    port: server.port,
    security: 'tls',
    authKind: 'oauth2',
    username: 'pqrs@entidad.gov.co',
    secret: REFRESH,
    oauthTokenUrl: oauth.tokenUrl,
    oauthClientId: CLIENT.id,
    oauthClientSecret: CLIENT.secret,
    oauthScope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
    caPem: server.certPem,
    processedFolder: 'Procesados',
  });
}

const at = (ms: number) => () => makeCtx(db, SYSTEM_ACTOR, new Date(Date.now() + ms));
const emailCases = async () => await db.select().from(cases).where(eq(cases.channel, 'email'));

describe('an OAuth2 mailbox', () => {
  it('reads with XOAUTH2, keeps the token while it is good and refreshes it near expiry', async () => {
    const before = oauth.refreshes;
    const { id } = await addOAuthMailbox();
    expect(oauth.refreshes).toBe(before + 1);
    const stored = (await first(db.select().from(mailboxes).where(eq(mailboxes.id, id))))!;
    expect(stored.accessTokenSealed).toBeTruthy();
    expect(stored.secretSealed).not.toContain(REFRESH);

    await deliver();
    expect(await passMailbox(at(0), id)).toMatchObject({ created: 1, failed: 0 });
    expect(oauth.refreshes).toBe(before + 1);

    // An hour later the stored token is about to lapse: it is renewed before logging in.
    await deliver();
    expect(await passMailbox(at(3600_000 - 60_000), id)).toMatchObject({ created: 1 });
    expect(oauth.refreshes).toBe(before + 2);
    expect(await emailCases()).toHaveLength(2);
  }, 60_000);

  it('refreshes a token the provider stopped accepting before its time', async () => {
    const { id } = await addOAuthMailbox();
    oauth.expireAccessTokens();
    await deliver();
    expect(await passMailbox(at(0), id)).toBeNull();
    const failed = (await first(db.select().from(mailboxes).where(eq(mailboxes.id, id))))!;
    expect(failed.lastError).toMatch(/^auth\|/);
    expect(failed.accessTokenSealed).toBeNull();
    expect(await passMailbox(at(1000), id)).toMatchObject({ created: 1 });
    const healed = (await first(db.select().from(mailboxes).where(eq(mailboxes.id, id))))!;
    expect(healed.failingSince).toBeNull();
  }, 60_000);

  it('tells the admins by e-mail when the grant was revoked and the mailbox failed 15 minutes', async () => {
    const { id } = await addOAuthMailbox();
    oauth.revoke(REFRESH);
    oauth.expireAccessTokens();
    await deliver();
    expect(await passMailbox(at(0), id)).toBeNull();
    const row = (await first(db.select().from(mailboxes).where(eq(mailboxes.id, id))))!;
    expect(row.lastError).toMatch(/^auth\|/);
    // The next try must refresh, and the provider refuses the grant.
    expect(await passMailbox(at(60_000), id)).toBeNull();
    expect(
      (await first(db.select().from(mailboxes).where(eq(mailboxes.id, id))))!.lastError,
    ).toMatch(/^oauth_revoked\|/);
    const transport = smtpTransport(smtp.url);
    await deliverDueMail({ db, transport });
    expect(smtp.received).toHaveLength(0);

    expect(await passMailbox(at(16 * 60_000), id)).toBeNull();
    await deliverDueMail({ db, transport, now: new Date(Date.now() + 16 * 60_000) });
    transport.close();
    const alert = smtp.received.find((m) => m.subject?.includes('Buzón Microsoft 365'));
    const admin = (await first(
      db.select().from(staffUsers).where(eq(staffUsers.id, fx.admin.id)),
    ))!;
    expect(alert?.to).toMatchObject({ text: admin.email });
    expect(alert?.text).toContain('revocó el permiso');
    expect(await emailCases()).toHaveLength(0);
  }, 60_000);
});
