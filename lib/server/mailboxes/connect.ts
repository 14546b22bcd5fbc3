import 'server-only';
import { ImapFlow } from 'imapflow';
import type { Conn } from '@/db/client';
import { mailboxes } from '@/db/tables';
import { sealSecret, unsealSecret } from '../intake/keys';
import { refreshAccessToken, tokenIsFresh } from './oauth';
import { setMailboxColumns } from './status';

export type MailboxRow = typeof mailboxes.$inferSelect;

/** What a connection needs besides the row: the secret in the clear (never stored so). */
export interface MailboxLogin {
  host: string;
  port: number;
  security: MailboxRow['security'];
  username: string;
  caPem: string | null;
  auth: { kind: 'password'; password: string } | { kind: 'oauth2'; accessToken: string };
}

/** How long a silent server may keep us waiting before the pass fails (and is retried). */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 120_000 };

export function imapClient(login: MailboxLogin): ImapFlow {
  return new ImapFlow({
    host: login.host,
    port: login.port,
    secure: login.security === 'tls',
    // Over a plain port the login waits for STARTTLS: credentials never cross in the clear.
    doSTARTTLS: login.security === 'starttls' ? true : undefined,
    auth:
      login.auth.kind === 'password'
        ? { user: login.username, pass: login.auth.password }
        : { user: login.username, accessToken: login.auth.accessToken },
    tls: login.caPem ? { ca: [login.caPem] } : {},
    logger: false,
    // IDLE starts a second after the last command, so new mail is announced at once; without
    // IDLE, the selected folder is re-checked this often (polling).
    autoIdleDelay: 1000,
    missingIdleCommand: 'STATUS',
    maxIdleTime: 5 * 60_000,
    ...TIMEOUTS,
  });
}

/**
 * The login of a stored mailbox: its password, or a valid OAuth2 access token, refreshed (and the
 * new one sealed and stored) when the stored one is about to expire.
 */
export async function loginOf(db: Conn, row: MailboxRow, now: Date): Promise<MailboxLogin> {
  const base = {
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    caPem: row.caPem,
  };
  if (row.authKind === 'password') {
    return { ...base, auth: { kind: 'password', password: unsealSecret(row.secretSealed) } };
  }
  if (row.accessTokenSealed && tokenIsFresh(row.accessTokenExpiresAt, now)) {
    return { ...base, auth: { kind: 'oauth2', accessToken: unsealSecret(row.accessTokenSealed) } };
  }
  const fresh = await refreshAccessToken(
    {
      tokenUrl: row.oauthTokenUrl!,
      clientId: row.oauthClientId!,
      clientSecret: row.oauthClientSecretSealed ? unsealSecret(row.oauthClientSecretSealed) : null,
      scope: row.oauthScope,
      refreshToken: unsealSecret(row.secretSealed),
    },
    now,
  );
  await setMailboxColumns(db, row.id, {
    accessTokenSealed: sealSecret(fresh.accessToken),
    accessTokenExpiresAt: fresh.expiresAt,
    ...(fresh.refreshToken ? { secretSealed: sealSecret(fresh.refreshToken) } : {}),
  });
  return { ...base, auth: { kind: 'oauth2', accessToken: fresh.accessToken } };
}

/**
 * Ends a session: LOGOUT, or after two seconds without its answer (a server or a session caught
 * between IDLE and the next command), the socket is closed. Never throws, never hangs a shutdown.
 */
export async function endSession(client: ImapFlow): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
  await Promise.race([client.logout().catch(() => {}), late]);
  clearTimeout(timer);
  client.close();
}
