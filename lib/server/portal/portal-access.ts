import 'server-only';
import { appSecret } from '../core/app-secret';
import { portalAttachmentUrl } from '@/lib/links/attachments';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

/**
 * Customers have no account (DOMAIN.md §9): after the radicado + secret check, or through the link in
 * an email, they hold a signed token granting access to ONE case until it expires. Tokens are
 * stateless: `base64url(JSON payload).base64url(HMAC-SHA256)`.
 */

/** Holds a 'cookie' token; scoped by path to that case's pages (`caseCookiePath`). */
export const CASE_COOKIE = 'ventanilla_caso';
export const CASE_COOKIE_MINUTES = 60;
/** How long the link in an email keeps working; after that, /consulta with radicado + secret. */
export const EMAIL_LINK_DAYS = 30;

export const ACCESS_PURPOSES = ['cookie', 'link'] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

export interface CaseAccess {
  caseId: number;
  expiresAt: Date;
}

/** Real tokens are ~110 characters; anything far longer is not ours and is not worth hashing. */
const MAX_TOKEN_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The secret case access tokens are signed with (core/app-secret.ts: the app's one secret). */
export function portalSecret(): string {
  return appSecret();
}

/** A key of its own, so a token for a case can never double as anything else signed with the secret. */
function signature(payload: string, secret: string): Buffer {
  const key = createHmac('sha256', secret).update('ventanilla.case-access.v1').digest();
  return createHmac('sha256', key).update(payload).digest();
}

export function signCaseAccess(
  caseId: number,
  expiresAt: Date,
  purpose: AccessPurpose,
  secret: string = portalSecret(),
): string {
  if (!Number.isSafeInteger(caseId) || caseId < 1)
    throw new RangeError(`Invalid case id ${caseId}`);
  const expiry = expiresAt.getTime();
  if (!Number.isFinite(expiry)) throw new RangeError('Invalid expiry');
  const payload = Buffer.from(JSON.stringify({ c: caseId, e: expiry, p: purpose })).toString(
    'base64url',
  );
  return `${payload}.${signature(payload, secret).toString('base64url')}`;
}

/**
 * The case a token grants, or null when it is malformed, tampered with, expired, or minted for
 * another purpose (a link token is not a cookie, and vice versa, when `purpose` is given).
 */
export function verifyCaseAccess(
  token: string | undefined | null,
  now: Date,
  purpose?: AccessPurpose,
  secret: string = portalSecret(),
): CaseAccess | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [payload = '', mac = ''] = parts;
  if (!BASE64URL.test(payload) || !BASE64URL.test(mac)) return null;

  const expected = signature(payload, secret);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;

  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const { c, e, p } = claims as Record<string, unknown>;
  if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 1) return null;
  if (typeof e !== 'number' || !Number.isFinite(e)) return null;
  if (!(ACCESS_PURPOSES as readonly unknown[]).includes(p)) return null;
  if (purpose !== undefined && p !== purpose) return null;
  if (e <= now.getTime()) return null;
  return { caseId: c, expiresAt: new Date(e) };
}

/** The cookie travels only with requests for that case's pages. */
export function caseCookiePath(radicado: string): string {
  return `/consulta/${encodeURIComponent(radicado)}`;
}

/** The public base URL for links in emails, without a trailing slash. */
export function appUrl(): string {
  return (env().NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}

/**
 * The link sent in emails. The radicado rides along in clear so that, once the token has expired,
 * the access page can prefill the look-up form; it grants nothing by itself.
 */
export function caseLinkUrl(caseId: number, radicado: string, now: Date): string {
  const expiresAt = new Date(now.getTime() + EMAIL_LINK_DAYS * 24 * 60 * 60 * 1000);
  const params = new URLSearchParams({
    token: signCaseAccess(caseId, expiresAt, 'link'),
    radicado,
  });
  return `${appUrl()}/consulta/acceso?${params.toString()}`;
}

/**
 * A file of the case as a link that opens without a portal session (for a channel's webhook, whose
 * receiver has no cookie): the same signed, expiring link token as the e-mailed case link.
 */
export function signedAttachmentUrl(
  caseId: number,
  radicado: string,
  attachmentId: number,
  now: Date,
): string {
  const expiresAt = new Date(now.getTime() + EMAIL_LINK_DAYS * 24 * 60 * 60 * 1000);
  const token = signCaseAccess(caseId, expiresAt, 'link');
  return `${appUrl()}${portalAttachmentUrl(radicado, attachmentId)}?token=${token}`;
}
