import { decode, type JWT, type JWTDecodeParams } from 'next-auth/jwt';

/** Remembered tokens; the least recently used goes first beyond this. */
const MAX_TOKENS = 1000;
/** A remembered token is decoded again at least this often. */
const MAX_AGE_MS = 5 * 60_000;

const remembered = new Map<string, { token: JWT; until: number }>();
let rememberedFor: JWTDecodeParams['secret'] | undefined;

/**
 * next-auth's JWT decode, remembered per token (issue 15 §1). Decoding derives the key with HKDF
 * and decrypts, and a staff page did it twice per request (proxy, then the session), a route
 * once: the same cookie arrives on every request of a session. A token string decodes to the
 * same claims every time, so the first decode stands for the next ones until the token expires
 * (and at most 5 minutes); a changed secret forgets everything. What the token says is still
 * checked against the database on every request (session.ts: deactivated user, revoked session).
 */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token: raw, secret } = params;
  if (!raw) return null;
  if (secret !== rememberedFor) {
    remembered.clear();
    rememberedFor = secret;
  }
  const now = Date.now();
  const hit = remembered.get(raw);
  if (hit) {
    remembered.delete(raw);
    if (hit.until > now) {
      remembered.set(raw, hit);
      return { ...hit.token };
    }
  }
  const token = await decode(params);
  if (token) {
    const expiresAt = typeof token.exp === 'number' ? token.exp * 1000 : now;
    const until = Math.min(expiresAt, now + MAX_AGE_MS);
    if (until > now) {
      if (remembered.size >= MAX_TOKENS) remembered.delete(remembered.keys().next().value!);
      remembered.set(raw, { token: { ...token }, until });
    }
  }
  return token;
}
