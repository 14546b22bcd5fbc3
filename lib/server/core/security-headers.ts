import { env } from '@/lib/env';

/**
 * The browser-side defences of every response, in one place (issue 13 §7). proxy.ts applies them
 * before any page, route handler or framework asset: no other file sets these headers.
 *
 * - `page`: an HTML document. Its Content-Security-Policy allows only scripts that carry this
 *   request's nonce ('strict-dynamic' lets those load the app's chunks); Next.js reads the nonce
 *   from the policy in the request headers and puts it on every script it emits, so pages must
 *   render per request (the root layout reads the locale cookie, so every page does).
 * - `data`: what a route handler or the framework serves (JSON, CSV, PDF, images, chunks): a
 *   policy that lets nothing load or frame it, so such a response opened as a document runs nothing.
 * - `file`: a petitioner's or an agent's uploaded file, also sandboxed (a unique origin).
 */
export type ResponseKind = 'page' | 'data' | 'file';

/** Route handlers that live outside /api (app/(portal)/consulta/…/route.ts). */
const PORTAL_FILE = /^\/consulta\/[^/]+\/adjuntos\/[^/]+\/?$/;
const PORTAL_ACCESS = /^\/consulta\/acceso\/?$/;

/** What a path answers with; a test holds every app/**\/route.ts to `data` or `file`. */
export function responseKind(pathname: string): ResponseKind {
  if (PORTAL_FILE.test(pathname) || /^\/api\/casos\/[^/]+\/adjuntos\//.test(pathname)) {
    return 'file';
  }
  if (pathname.startsWith('/api/') || pathname.startsWith('/_next/')) return 'data';
  // Files named by extension: the app's icons (app/icon.svg), CSV exports.
  if (/\.[a-z0-9]+$/i.test(pathname)) return 'data';
  if (PORTAL_ACCESS.test(pathname)) return 'data';
  return 'page';
}

export interface PolicyOptions {
  kind: ResponseKind;
  /** This request's nonce; required for `page`. */
  nonce?: string;
  /** The public URL is https: HSTS, and http sub-resources are upgraded. */
  https: boolean;
  /** `next dev`: React rebuilds server error stacks with eval, so scripts may eval. */
  dev: boolean;
}

function pagePolicy(nonce: string, https: boolean, dev: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Style attributes (React's style prop, recharts' SVG) cannot carry a nonce: inline styles
    // stay allowed, and only for style. A nonce here would turn 'unsafe-inline' off.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Powerful browser features the app never uses, off for every page and any frame in it. */
const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** Every security header of one response. */
export function securityHeaders({
  kind,
  nonce,
  https,
  dev,
}: PolicyOptions): Record<string, string> {
  let csp = DATA_POLICY;
  if (kind === 'file') csp = `${DATA_POLICY}; sandbox`;
  if (kind === 'page') {
    if (!nonce) throw new Error('A page policy needs the nonce of its request');
    csp = pagePolicy(nonce, https, dev);
  }
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
  };
  // Only over https: a browser ignores HSTS on http, and it must never pin a plain-http deployment.
  if (https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** 128 random bits, base64: unguessable and new for every request. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * The app is served over https when its configured public URL (NEXTAUTH_URL) is: then HSTS is
 * sent and cookies are `Secure`. A TLS-terminating proxy in front must be reached by that URL.
 */
export function servedOverHttps(): boolean {
  return (env().NEXTAUTH_URL ?? '').startsWith('https:');
}
