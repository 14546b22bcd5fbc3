import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OAuth2 provider for the mailbox tests, on 127.0.0.1: the token endpoint (RFC 6749
 * refresh_token grant) Ventanilla renews its access token at, and the introspection endpoint
 * (RFC 7662) the test's Dovecot asks whether an XOAUTH2 token is good, as Microsoft 365 and Google
 * check theirs. Refresh tokens can be revoked and access tokens expired early.
 */
export interface TestOAuthServer {
  tokenUrl: string;
  introspectionUrl: string;
  /** Token requests answered, good or refused. */
  refreshes: number;
  /** Access tokens issued from now on last this long. */
  setLifetime(seconds: number): void;
  revoke(refreshToken: string): void;
  /** Every access token issued so far stops being accepted. */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

export async function startOAuthServer(options: {
  clientId: string;
  clientSecret: string;
  /** refresh token → the mailbox user it stands for */
  grants: Record<string, string>;
}): Promise<TestOAuthServer> {
  const access = new Map<string, { user: string; expiresAt: number }>();
  const revoked = new Set<string>();
  let lifetime = 3600;
  const state = { refreshes: 0 };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      if (req.url === '/token' && req.method === 'POST') {
        state.refreshes += 1;
        if (
          form.get('client_id') !== options.clientId ||
          form.get('client_secret') !== options.clientSecret
        ) {
          return json(res, 401, { error: 'invalid_client' });
        }
        const refresh = form.get('refresh_token') ?? '';
        const user = options.grants[refresh];
        if (form.get('grant_type') !== 'refresh_token' || !user || revoked.has(refresh)) {
          return json(res, 400, {
            error: 'invalid_grant',
            error_description: 'revoked or unknown',
          });
        }
        const token = randomBytes(24).toString('base64url');
        access.set(token, { user, expiresAt: Date.now() + lifetime * 1000 });
        return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime });
      }
      if (req.url === '/introspect' && req.method === 'POST') {
        const found = access.get(form.get('token') ?? '');
        const active = !!found && found.expiresAt > Date.now();
        return json(
          res,
          200,
          active ? { active: 'true', username: found.user } : { active: 'false' },
        );
      }
      json(res, 404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    tokenUrl: `${base}/token`,
    introspectionUrl: `${base}/introspect`,
    get refreshes() {
      return state.refreshes;
    },
    setLifetime: (seconds) => (lifetime = seconds),
    revoke: (token) => revoked.add(token),
    expireAccessTokens: () => {
      for (const entry of access.values()) entry.expiresAt = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
