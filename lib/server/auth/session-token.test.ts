import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from './session-token';

const SECRET = 'session-token-test-secret-0123456789';
const claims = { uid: 7, role: 'agent' as const, teamId: 2, sid: 'sid-1', signedInAt: 1 };

describe('decodeSessionToken', () => {
  it('decodes a session cookie, and again from memory with the same claims', async () => {
    const token = await encode({ token: claims, secret: SECRET });
    const first = await decodeSessionToken({ token, secret: SECRET });
    expect(first).toMatchObject(claims);
    // The caller may change what it got: the remembered claims stay as decoded.
    first!.uid = 99;
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
  });

  it('refuses what next-auth refuses: another secret, a tampered token, an expired one', async () => {
    const token = await encode({ token: claims, secret: SECRET });
    await decodeSessionToken({ token, secret: SECRET });
    await expect(decodeSessionToken({ token, secret: `${SECRET}-other` })).rejects.toThrow();
    const tampered = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await expect(decodeSessionToken({ token: tampered, secret: SECRET })).rejects.toThrow();
    // Expired a minute ago (beyond next-auth's 15 s of tolerance).
    const expired = await encode({ token: claims, secret: SECRET, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret: SECRET })).rejects.toThrow();
    expect(await decodeSessionToken({ token: '', secret: SECRET })).toBeNull();
  });

  it('a token remembered under one secret is decoded afresh after the secret changes', async () => {
    const token = await encode({ token: claims, secret: SECRET });
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
    await expect(
      decodeSessionToken({ token, secret: 'a-rotated-secret-0123456789' }),
    ).rejects.toThrow();
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
  });
});
