import { afterEach, describe, expect, it } from 'vitest';
import { clientIp, PEER_HEADER } from './http';

const original = process.env.TRUSTED_PROXIES;
afterEach(() => {
  if (original === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = original;
});

const request = (peer: string | null, forwarded?: string) => {
  const headers = new Headers();
  if (peer !== null) headers.set(PEER_HEADER, peer);
  if (forwarded !== undefined) headers.set('x-forwarded-for', forwarded);
  return headers;
};

describe("the client's address (issue 13 §1)", () => {
  it('is the socket peer, whatever X-Forwarded-For says, when no proxy is trusted', () => {
    delete process.env.TRUSTED_PROXIES;
    expect(clientIp(request('203.0.113.9', '1.2.3.4'))).toBe('203.0.113.9');
    expect(clientIp(request('::ffff:203.0.113.9', '5.6.7.8, 9.9.9.9'))).toBe('203.0.113.9');
    // Rotating the header changes nothing: one socket, one client.
    const seen = new Set(
      Array.from({ length: 20 }, (_, i) => clientIp(request('198.51.100.1', `10.0.0.${i}`))),
    );
    expect([...seen]).toEqual(['198.51.100.1']);
  });

  it('reads X-Forwarded-For from the right, skipping trusted proxies, only from a trusted peer', () => {
    process.env.TRUSTED_PROXIES = '10.0.0.0/8, 192.168.5.5';
    // The client wrote "6.6.6.6"; the edge proxy appended the real client; an inner proxy the edge.
    expect(clientIp(request('10.1.1.1', '6.6.6.6, 203.0.113.7, 192.168.5.5'))).toBe('203.0.113.7');
    expect(clientIp(request('10.1.1.1', '203.0.113.7'))).toBe('203.0.113.7');
    // An untrusted peer cannot speak for anyone else.
    expect(clientIp(request('198.51.100.2', '203.0.113.7'))).toBe('198.51.100.2');
    // A trusted peer with no header, or only proxies in it, is itself the client's best guess.
    expect(clientIp(request('10.1.1.1'))).toBe('10.1.1.1');
    expect(clientIp(request('10.1.1.1', '10.2.2.2, 10.3.3.3'))).toBe('10.2.2.2');
    // Nonsense written by a trusted hop falls back to the socket, never to the nonsense.
    expect(clientIp(request('10.1.1.1', 'evil, not-an-ip'))).toBe('10.1.1.1');
  });

  it('is one shared "unknown" without our server in front, and reads plain header objects', () => {
    delete process.env.TRUSTED_PROXIES;
    expect(clientIp(request(null, '1.2.3.4'))).toBe('unknown');
    expect(clientIp({ [PEER_HEADER]: '203.0.113.5', 'x-forwarded-for': '1.1.1.1' })).toBe(
      '203.0.113.5',
    );
    expect(clientIp(undefined)).toBe('unknown');
  });
});
