import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newNonce, responseKind, securityHeaders, servedOverHttps } from './security-headers';

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

describe('the security headers of a page', () => {
  const page = (https: boolean, dev = false) =>
    securityHeaders({ kind: 'page', nonce: 'bm9uY2U=', https, dev });

  it('allows only scripts carrying the nonce, never inline ones', () => {
    const csp = directives(page(false)['Content-Security-Policy']!);
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    // Inline styles stay allowed for style only (React style props, chart SVG).
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('lets scripts eval only under next dev', () => {
    expect(page(false)['Content-Security-Policy']).not.toContain('unsafe-eval');
    expect(directives(page(false, true)['Content-Security-Policy']!).get('script-src')).toContain(
      "'unsafe-eval'",
    );
  });

  it('over https: HSTS and upgraded sub-resources', () => {
    const headers = page(true);
    expect(headers['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(headers['Content-Security-Policy']!).has('upgrade-insecure-requests')).toBe(
      true,
    );
  });

  it('over http: no HSTS, nothing upgraded', () => {
    const headers = page(false);
    expect(headers).not.toHaveProperty('Strict-Transport-Security');
    expect(headers['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
  });

  it('turns powerful features off and refuses framing and sniffing', () => {
    const headers = page(false);
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(headers['Permissions-Policy']).toContain(`${feature}=()`);
    }
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  });

  it('refuses to build a page policy without a nonce', () => {
    expect(() => securityHeaders({ kind: 'page', https: false, dev: false })).toThrow(/nonce/);
  });
});

describe('the security headers of data and files', () => {
  it('let nothing load in or frame a route handler answer, and sandbox uploaded files', () => {
    const data = securityHeaders({ kind: 'data', https: true, dev: false });
    expect(data['Content-Security-Policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(data['X-Content-Type-Options']).toBe('nosniff');
    expect(data['Strict-Transport-Security']).toBeDefined();
    const file = securityHeaders({ kind: 'file', https: false, dev: false });
    expect(file['Content-Security-Policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'; sandbox",
    );
  });

  it('classifies every route handler of the app as data or file, and pages as pages', () => {
    const root = path.join(import.meta.dirname, '../../..');
    const files = execFileSync('git', ['ls-files', 'app'], { cwd: root, encoding: 'utf8' }).split(
      '\n',
    );
    const handlers = files.filter((f) => f.endsWith('/route.ts'));
    const pages = files.filter((f) => f.endsWith('/page.tsx'));
    expect(handlers.length).toBeGreaterThan(10);
    // app/(group)/a/[id]/route.ts → /a/x: a group is not in the URL, a dynamic segment is any value.
    const urlOf = (file: string) =>
      `/${file
        .split('/')
        .slice(1, -1)
        .filter((s) => !/^\(.*\)$/.test(s))
        .map((s) => (s.startsWith('[') ? 'x' : s))
        .join('/')}`;
    const asPages = handlers.filter((f) => responseKind(urlOf(f)) === 'page');
    expect(asPages).toEqual([]);
    expect(pages.filter((f) => responseKind(urlOf(f)) !== 'page')).toEqual([]);
    expect(responseKind('/consulta/2026-PQRS-000001/adjuntos/3')).toBe('file');
    expect(responseKind('/api/casos/4/adjuntos/9')).toBe('file');
    expect(responseKind('/api/casos/4/carta')).toBe('data');
    expect(responseKind('/icon.svg')).toBe('data');
    for (const page of ['/', '/radicar', '/consulta/2026-PQRS-000001', '/casos/1', '/admin']) {
      expect(responseKind(page)).toBe('page');
    }
  });
});

describe('nonces and https', () => {
  it('gives a new unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });

  it('reads https from the configured public URL', () => {
    const saved = process.env.NEXTAUTH_URL;
    try {
      process.env.NEXTAUTH_URL = 'https://pqrs.example.gov.co';
      expect(servedOverHttps()).toBe(true);
      process.env.NEXTAUTH_URL = 'http://localhost:3000';
      expect(servedOverHttps()).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  });
});
