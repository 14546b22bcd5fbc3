import 'server-only';
import { first, one } from '@/db/rows';
import { asc, eq } from 'drizzle-orm';
import { inboundMail, mailboxes, teams } from '@/db/tables';
import { count } from 'drizzle-orm';
import {
  MailboxCreateSchema,
  MailboxIdSchema,
  MailboxUpdateSchema,
  type MailboxInput,
} from '@/lib/validation/mailbox';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from '../admin/admin-event';
import { sealSecret, unsealSecret } from '../intake/keys';
import { endSession, imapClient, type MailboxLogin } from './connect';
import { mailboxErrorKind, type MailboxErrorKind } from './mailbox-errors';
import { refreshAccessToken, type FreshToken } from './oauth';
import { storedError } from './status';

/** Which field a failed test connection points at, and its message (`mailboxes.validation`). */
const FIELD_OF_ERROR: Record<MailboxErrorKind, string> = {
  auth: 'secret',
  oauth_revoked: 'secret',
  oauth_failed: 'oauthTokenUrl',
  host: 'host',
  tls: 'security',
  timeout: 'host',
  folder: 'folder',
  other: 'host',
};

/**
 * Logs in with what the admin typed and opens the folder; the processed folder is made when it is
 * missing. A mailbox is saved only when this works, so a wrong password or host is told at once.
 */
async function testConnection(
  input: MailboxInput,
  secret: string,
  now: Date,
): Promise<{ token: FreshToken | null }> {
  let token: FreshToken | null = null;
  const client = await (async () => {
    try {
      if (input.authKind === 'oauth2') {
        token = await refreshAccessToken(
          {
            tokenUrl: input.oauthTokenUrl as string,
            clientId: input.oauthClientId as string,
            clientSecret: input.oauthClientSecret ?? null,
            scope: input.oauthScope ?? null,
            refreshToken: secret,
          },
          now,
        );
      }
      const login: MailboxLogin = {
        host: input.host,
        port: input.port,
        security: input.security,
        username: input.username,
        caPem: input.caPem ?? null,
        auth: token
          ? { kind: 'oauth2', accessToken: token.accessToken }
          : { kind: 'password', password: secret },
      };
      const c = imapClient(login);
      c.on('error', () => {});
      await c.connect();
      return c;
    } catch (error) {
      throw connectionRefused(error, input.authKind === 'oauth2' && !token);
    }
  })();
  try {
    const folders = new Set((await client.list()).map((f) => f.path));
    if (!folders.has(input.folder) && input.folder.toUpperCase() !== 'INBOX') {
      throw new AppError('VALIDATION', 'folder missing', {
        fieldErrors: { folder: ['connect.folder'] },
      });
    }
    if (!folders.has(input.processedFolder)) await client.mailboxCreate(input.processedFolder);
  } catch (error) {
    throw error instanceof AppError ? error : connectionRefused(error, false);
  } finally {
    await endSession(client);
  }
  return { token };
}

function connectionRefused(error: unknown, duringRefresh: boolean): AppError {
  let kind = mailboxErrorKind(error);
  if (duringRefresh && kind !== 'oauth_revoked') kind = 'oauth_failed';
  return new AppError('VALIDATION', `mailbox test failed: ${kind}`, {
    fieldErrors: { [FIELD_OF_ERROR[kind]]: [`connect.${kind}`] },
  });
}

function columnsOf(input: MailboxInput) {
  return {
    name: input.name,
    host: input.host,
    port: input.port,
    security: input.security,
    authKind: input.authKind,
    username: input.username,
    oauthTokenUrl: input.oauthTokenUrl ?? null,
    oauthClientId: input.oauthClientId ?? null,
    oauthScope: input.oauthScope ?? null,
    caPem: input.caPem ?? null,
    folder: input.folder,
    processedFolder: input.processedFolder,
    teamId: input.teamId ?? null,
    maxBytes: input.maxMegabytes * 1024 * 1024,
  };
}

const tokenColumns = (token: FreshToken | null) =>
  token
    ? {
        accessTokenSealed: sealSecret(token.accessToken),
        accessTokenExpiresAt: token.expiresAt,
      }
    : { accessTokenSealed: null, accessTokenExpiresAt: null };

/** What the audit log keeps of a mailbox: where and how it is read, never a secret. */
const auditOf = (input: MailboxInput) => ({
  name: input.name,
  host: input.host,
  port: input.port,
  authKind: input.authKind,
  username: input.username,
  folder: input.folder,
  processedFolder: input.processedFolder,
});

export async function createMailbox(ctx: Ctx, input: unknown): Promise<{ id: number }> {
  requireRole(ctx.actor, 'admin');
  const parsed = parseInput(MailboxCreateSchema, input);
  const { token } = await testConnection(parsed, parsed.secret, ctx.now);
  return withTransaction(ctx, async (tx) => {
    if (
      await first(
        tx.db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.name, parsed.name)),
      )
    ) {
      throw new AppError('VALIDATION', 'name taken', { fieldErrors: { name: ['nameTaken'] } });
    }
    const row = await one(
      tx.db
        .insert(mailboxes)
        .values({
          ...columnsOf(parsed),
          secretSealed: sealSecret(token?.refreshToken ?? parsed.secret),
          oauthClientSecretSealed: parsed.oauthClientSecret
            ? sealSecret(parsed.oauthClientSecret)
            : null,
          ...tokenColumns(token),
          updatedAt: tx.now,
        })
        .returning({ id: mailboxes.id }),
    );
    await appendAdminEvent(tx, 'mailbox_created', { mailboxId: row.id, ...auditOf(parsed) });
    return row;
  });
}

/** A change is tested like a new mailbox; an empty secret keeps the stored one. */
export async function updateMailbox(ctx: Ctx, input: unknown): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const parsed = parseInput(MailboxUpdateSchema, input);
  const stored = await first(ctx.db.select().from(mailboxes).where(eq(mailboxes.id, parsed.id)));
  if (!stored) throw new AppError('NOT_FOUND', 'mailbox not found');
  const secret = parsed.secret ?? unsealSecret(stored.secretSealed);
  // Left empty, the CA certificate and the OAuth2 client secret are kept like the secret.
  const clientSecret =
    parsed.oauthClientSecret ??
    (stored.oauthClientSecretSealed ? unsealSecret(stored.oauthClientSecretSealed) : undefined);
  const merged = {
    ...parsed,
    caPem: parsed.caPem ?? stored.caPem ?? undefined,
    oauthClientSecret: clientSecret,
    secret,
  };
  const { token } = await testConnection(merged, secret, ctx.now);
  await withTransaction(ctx, async (tx) => {
    await tx.db
      .update(mailboxes)
      .set({
        ...columnsOf(merged),
        secretSealed: sealSecret(token?.refreshToken ?? secret),
        oauthClientSecretSealed: clientSecret ? sealSecret(clientSecret) : null,
        ...tokenColumns(token),
        failingSince: null,
        alertedAt: null,
        updatedAt: tx.now,
      })
      .where(eq(mailboxes.id, parsed.id));
    await appendAdminEvent(tx, 'mailbox_updated', {
      mailboxId: parsed.id,
      ...auditOf(merged),
      newSecret: parsed.secret !== undefined,
    });
  });
}

export async function setMailboxActive(ctx: Ctx, input: unknown): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const { id } = parseInput(MailboxIdSchema, input);
  await withTransaction(ctx, async (tx) => {
    const row = await first(tx.db.select().from(mailboxes).where(eq(mailboxes.id, id)));
    if (!row) throw new AppError('NOT_FOUND', 'mailbox not found');
    const isActive = !row.isActive;
    await tx.db
      .update(mailboxes)
      .set({ isActive, failingSince: null, alertedAt: null, updatedAt: tx.now })
      .where(eq(mailboxes.id, id));
    await appendAdminEvent(tx, isActive ? 'mailbox_activated' : 'mailbox_deactivated', {
      mailboxId: id,
      name: row.name,
    });
  });
}

/** The admin page's list: how each mailbox is read and how it is doing; never a secret. */
export async function listMailboxes(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  const quarantined = new Map(
    (
      await ctx.db
        .select({ mailboxId: inboundMail.mailboxId, n: count() })
        .from(inboundMail)
        .where(eq(inboundMail.outcome, 'quarantined'))
        .groupBy(inboundMail.mailboxId)
    ).map((r) => [r.mailboxId, r.n]),
  );
  return (
    await ctx.db
      .select({ mailbox: mailboxes, teamName: teams.name })
      .from(mailboxes)
      .leftJoin(teams, eq(teams.id, mailboxes.teamId))
      .orderBy(asc(mailboxes.name))
  ).map(({ mailbox: m, teamName }) => ({
    id: m.id,
    name: m.name,
    host: m.host,
    port: m.port,
    security: m.security,
    authKind: m.authKind,
    username: m.username,
    oauthTokenUrl: m.oauthTokenUrl,
    oauthClientId: m.oauthClientId,
    oauthScope: m.oauthScope,
    folder: m.folder,
    processedFolder: m.processedFolder,
    teamId: m.teamId,
    teamName,
    maxMegabytes: Math.round(m.maxBytes / (1024 * 1024)),
    isActive: m.isActive,
    lastSuccessAt: m.lastSuccessAt,
    lastErrorAt: m.lastErrorAt,
    lastError: storedError(m.lastError),
    failingSince: m.failingSince,
    backlog: m.backlog,
    quarantined: quarantined.get(m.id) ?? 0,
  }));
}
export type MailboxListing = Awaited<ReturnType<typeof listMailboxes>>[number];
