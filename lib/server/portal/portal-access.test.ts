import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  appUrl,
  caseCookiePath,
  caseLinkUrl,
  EMAIL_LINK_DAYS,
  portalSecret,
  signCaseAccess,
  verifyCaseAccess,
} from './portal-access';

const NOW = new Date('2026-03-16T15:00:00Z');
const IN_AN_HOUR = new Date(NOW.getTime() + 60 * 60_000);
const SECRET = 'a test secret that is long enough';

afterEach(() => vi.unstubAllEnvs());

function b64(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

describe('signCaseAccess / verifyCaseAccess', () => {
  it('round-trips the case and the expiry for the purpose it was minted for', () => {
    const token = signCaseAccess(42, IN_AN_HOUR, 'cookie', SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyCaseAccess(token, NOW, 'cookie', SECRET)).toEqual({
      caseId: 42,
      expiresAt: IN_AN_HOUR,
    });
    expect(verifyCaseAccess(token, NOW, undefined, SECRET)).toEqual({
      caseId: 42,
      expiresAt: IN_AN_HOUR,
    });
  });

  it('refuses a token at or after its expiry', () => {
    const token = signCaseAccess(42, IN_AN_HOUR, 'cookie', SECRET);
    expect(verifyCaseAccess(token, new Date(IN_AN_HOUR.getTime() - 1), 'cookie', SECRET)).not.toBe(
      null,
    );
    expect(verifyCaseAccess(token, IN_AN_HOUR, 'cookie', SECRET)).toBeNull();
    expect(
      verifyCaseAccess(token, new Date(IN_AN_HOUR.getTime() + 1), 'cookie', SECRET),
    ).toBeNull();
  });

  it('refuses a token minted for the other purpose', () => {
    const link = signCaseAccess(42, IN_AN_HOUR, 'link', SECRET);
    const cookie = signCaseAccess(42, IN_AN_HOUR, 'cookie', SECRET);
    expect(verifyCaseAccess(link, NOW, 'cookie', SECRET)).toBeNull();
    expect(verifyCaseAccess(cookie, NOW, 'link', SECRET)).toBeNull();
    expect(verifyCaseAccess(link, NOW, 'link', SECRET)?.caseId).toBe(42);
  });

  it('refuses a token signed with another secret', () => {
    const token = signCaseAccess(42, IN_AN_HOUR, 'cookie', 'another secret');
    expect(verifyCaseAccess(token, NOW, 'cookie', SECRET)).toBeNull();
  });

  it('refuses a payload changed to another case, even with the old signature', () => {
    const token = signCaseAccess(42, IN_AN_HOUR, 'cookie', SECRET);
    const [, mac] = token.split('.');
    const forged = `${b64({ c: 43, e: IN_AN_HOUR.getTime(), p: 'cookie' })}.${mac}`;
    expect(verifyCaseAccess(forged, NOW, 'cookie', SECRET)).toBeNull();
    const later = `${b64({ c: 42, e: IN_AN_HOUR.getTime() + 1e9, p: 'cookie' })}.${mac}`;
    expect(verifyCaseAccess(later, NOW, 'cookie', SECRET)).toBeNull();
  });

  it('refuses a flipped signature character', () => {
    const token = signCaseAccess(42, IN_AN_HOUR, 'cookie', SECRET);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect(verifyCaseAccess(tampered, NOW, 'cookie', SECRET)).toBeNull();
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['empty', ''],
    ['no dot', 'abc'],
    ['three parts', 'a.b.c'],
    ['empty signature', `${b64({ c: 1, e: IN_AN_HOUR.getTime(), p: 'cookie' })}.`],
    ['not base64url', 'a+b.c/d'],
    ['huge', `${'a'.repeat(5000)}.b`],
  ])('refuses a malformed token (%s)', (_name, token) => {
    expect(verifyCaseAccess(token, NOW, 'cookie', SECRET)).toBeNull();
  });

  it('refuses correctly signed payloads of the wrong shape', () => {
    // Signed exactly as the module signs, so only the shape check can refuse them.
    const forge = (claims: unknown) => {
      const payload = b64(claims);
      const key = createHmac('sha256', SECRET).update('ventanilla.case-access.v1').digest();
      return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
    };
    const e = IN_AN_HOUR.getTime();
    expect(verifyCaseAccess(forge({ c: 42, e, p: 'cookie' }), NOW, 'cookie', SECRET)).toEqual({
      caseId: 42,
      expiresAt: IN_AN_HOUR,
    });
    for (const claims of [
      { c: '42', e, p: 'cookie' },
      { c: 0, e, p: 'cookie' },
      { c: 1.5, e, p: 'cookie' },
      { c: 42, e: String(e), p: 'cookie' },
      { c: 42, e, p: 'admin' },
      { c: 42, e },
      [42, e, 'cookie'],
      null,
      'cookie',
    ]) {
      expect(verifyCaseAccess(forge(claims), NOW, undefined, SECRET), JSON.stringify(claims)).toBe(
        null,
      );
    }
    const notJson = Buffer.from('{not json').toString('base64url');
    const key = createHmac('sha256', SECRET).update('ventanilla.case-access.v1').digest();
    const mac = createHmac('sha256', key).update(notJson).digest('base64url');
    expect(verifyCaseAccess(`${notJson}.${mac}`, NOW, undefined, SECRET)).toBeNull();
  });

  it('refuses to sign nonsense', () => {
    expect(() => signCaseAccess(0, IN_AN_HOUR, 'cookie', SECRET)).toThrow(RangeError);
    expect(() => signCaseAccess(1, new Date(Number.NaN), 'cookie', SECRET)).toThrow(RangeError);
  });
});

describe('portalSecret', () => {
  it('uses NEXTAUTH_SECRET when set', () => {
    vi.stubEnv('NEXTAUTH_SECRET', 'from-env');
    expect(portalSecret()).toBe('from-env');
    const token = signCaseAccess(7, IN_AN_HOUR, 'link');
    expect(verifyCaseAccess(token, NOW, 'link', 'from-env')?.caseId).toBe(7);
  });

  it('falls back to a fixed development secret outside production', () => {
    vi.stubEnv('NEXTAUTH_SECRET', '');
    vi.stubEnv('NODE_ENV', 'development');
    const first = portalSecret();
    expect(first.length).toBeGreaterThan(20);
    expect(portalSecret()).toBe(first);
  });

  it('refuses to run in production without a secret', () => {
    vi.stubEnv('NEXTAUTH_SECRET', '');
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => portalSecret()).toThrow(/NEXTAUTH_SECRET/);
  });
});

describe('URLs', () => {
  it('scopes the cookie to the case pages', () => {
    expect(caseCookiePath('PQRS-2026-000123')).toBe('/consulta/PQRS-2026-000123');
  });

  it('takes the base URL from NEXTAUTH_URL, without a trailing slash', () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://pqrs.example.gov.co/');
    expect(appUrl()).toBe('https://pqrs.example.gov.co');
    vi.stubEnv('NEXTAUTH_URL', '');
    expect(appUrl()).toBe('http://localhost:3000');
  });

  it(`puts a link token valid ${EMAIL_LINK_DAYS} days in the emailed URL`, () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://pqrs.example.gov.co');
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    const url = new URL(caseLinkUrl(42, 'PQRS-2026-000123', NOW));
    expect(`${url.origin}${url.pathname}`).toBe('https://pqrs.example.gov.co/consulta/acceso');
    expect(url.searchParams.get('radicado')).toBe('PQRS-2026-000123');
    const token = url.searchParams.get('token');
    const expiresAt = new Date(NOW.getTime() + EMAIL_LINK_DAYS * 86_400_000);
    expect(verifyCaseAccess(token, NOW, 'link', SECRET)).toEqual({ caseId: 42, expiresAt });
    expect(verifyCaseAccess(token, NOW, 'cookie', SECRET)).toBeNull();
    expect(verifyCaseAccess(token, expiresAt, 'link', SECRET)).toBeNull();
  });
});
