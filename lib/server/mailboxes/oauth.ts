import 'server-only';
import { z } from 'zod';

/**
 * OAuth2 for mailboxes on Microsoft 365 and Google (issue 19 §1): the access token IMAP's XOAUTH2
 * presents is refreshed with the stored refresh token at the provider's token endpoint before it
 * expires. A refusal of the grant (revoked, expired consent) is told apart from a passing failure:
 * only an admin can fix the first.
 */
export interface OAuthClient {
  tokenUrl: string;
  clientId: string;
  clientSecret: string | null;
  scope: string | null;
  refreshToken: string;
}

export interface FreshToken {
  accessToken: string;
  expiresAt: Date;
  /** Providers may rotate the refresh token (Microsoft does): the new one replaces the stored one. */
  refreshToken: string | null;
}

export class OAuthRefused extends Error {
  constructor(readonly oauthError: string) {
    super(`the token endpoint refused the refresh token (${oauthError})`);
  }
}

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive().default(3600),
  refresh_token: z.string().min(1).optional(),
});
const ErrorAnswer = z.object({ error: z.string() });

/** Renew this long before the expiry: a pass that starts must not see its token lapse. */
export const REFRESH_MARGIN_MS = 2 * 60_000;

export const tokenIsFresh = (expiresAt: Date | null, now: Date) =>
  expiresAt !== null && expiresAt.getTime() - REFRESH_MARGIN_MS > now.getTime();

export async function refreshAccessToken(client: OAuthClient, now: Date): Promise<FreshToken> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: client.refreshToken,
    client_id: client.clientId,
    ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
    ...(client.scope ? { scope: client.scope } : {}),
  });
  const response = await fetch(client.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form,
    signal: AbortSignal.timeout(15_000),
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refused = ErrorAnswer.safeParse(json);
    // RFC 6749 §5.2: invalid_grant is a revoked or expired refresh token; the client's own
    // credentials being refused is as final.
    if (
      refused.success &&
      ['invalid_grant', 'invalid_client', 'unauthorized_client'].includes(refused.data.error)
    ) {
      throw new OAuthRefused(refused.data.error);
    }
    throw new Error(`the token endpoint answered ${response.status}`);
  }
  const answer = TokenAnswer.parse(json);
  return {
    accessToken: answer.access_token,
    expiresAt: new Date(now.getTime() + answer.expires_in * 1000),
    refreshToken: answer.refresh_token ?? null,
  };
}
