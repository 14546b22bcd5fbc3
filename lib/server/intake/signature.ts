import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A signature older or newer than this is refused (a captured request cannot be replayed later). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `X-Ventanilla-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the
 * channel's signing secret. The timestamp is part of what is signed.
 */
export function signBody(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, body, timestamp)}`;
}

/**
 * The one signing primitive, both ways (inbound requests here, outbound webhooks in
 * notices/webhook-transport.ts): hex HMAC-SHA256 of `"<unix seconds>.<raw body>"`.
 */
export function hmacHex(secret: string, body: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function verifySignature(
  secret: string,
  body: string,
  header: string | null,
  now: Date,
): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(',').map((p) => {
      const [k, ...v] = p.trim().split('=');
      return [k ?? '', v.join('=')] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(hmacHex(secret, body, t), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
