import 'server-only';
import { OAuthRefused } from './oauth';

/** Why a mailbox could not be read, as admins are told (lib/i18n admin.mailboxes.error.*). */
export const MAILBOX_ERRORS = [
  'auth',
  'oauth_revoked',
  'oauth_failed',
  'host',
  'tls',
  'timeout',
  'folder',
  'other',
] as const;
export type MailboxErrorKind = (typeof MAILBOX_ERRORS)[number];

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/i;

/** Names what went wrong, from the error imapflow, Node's sockets or the token endpoint gave. */
export function mailboxErrorKind(error: unknown): MailboxErrorKind {
  if (error instanceof OAuthRefused) return 'oauth_revoked';
  const e = error as {
    code?: string;
    authenticationFailed?: boolean;
    serverResponseCode?: string;
    mailboxMissing?: boolean;
    name?: string;
    message?: string;
    cause?: unknown;
  };
  if (e?.name === 'MailboxOAuthError') return 'oauth_failed';
  if (e?.authenticationFailed || e?.serverResponseCode === 'AUTHENTICATIONFAILED') return 'auth';
  if (e?.mailboxMissing || e?.serverResponseCode === 'NONEXISTENT') return 'folder';
  const code = String(e?.code ?? '');
  if (['ENOTFOUND', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code)) {
    return 'host';
  }
  if (/TIMEOUT|ETIMEDOUT/i.test(code)) return 'timeout';
  if (
    TLS_CODES.test(code) ||
    /certificate|handshake|wrong version number/i.test(e?.message ?? '')
  ) {
    return 'tls';
  }
  if (code === 'ECONNRESET' || code === 'NoConnection' || code === 'ClosedAfterConnectTLS')
    return 'host';
  return 'other';
}

/** The error's own words for the admin page and the log: never a secret (none is in them). */
export function mailboxErrorText(error: unknown): string {
  const e = error as { message?: string; responseText?: string; code?: string };
  const text = e?.responseText || e?.message || String(error);
  return `${e?.code ? `${e.code}: ` : ''}${text}`.slice(0, 500);
}
