import 'server-only';
import { isIP } from 'node:net';
import { env } from '@/lib/env';
import { addressList, plainAddress, type AddressList } from '@/lib/net/address-list';

/** Set by our server (scripts/serve.mjs) from the socket on every request; a client's value is replaced. */
export const PEER_HEADER = 'x-ventanilla-peer';

let proxies: { source: readonly string[]; list: AddressList } | undefined;
function trustedProxies(): AddressList {
  const source = env().TRUSTED_PROXIES;
  if (proxies?.source !== source) proxies = { source, list: addressList(source) };
  return proxies.list;
}

/**
 * The client's address, for per-address limits (filing, look-up, sign-in). It is the socket's
 * peer; only when that peer is a configured proxy (TRUSTED_PROXIES) is X-Forwarded-For read, from
 * the right: the first hop that is not a trusted proxy is the client, because everything to its
 * left was written by the client itself. Without our server in front (a bare `next dev`) there is
 * no peer and every client shares the address 'unknown'.
 */
export function clientIp(headers: Headers | Record<string, unknown> | undefined): string {
  const read = (name: string): string => {
    if (!headers) return '';
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : '';
  };
  const peer = plainAddress(read(PEER_HEADER));
  if (!peer) return 'unknown';
  const trusted = trustedProxies();
  if (!trusted.has(peer)) return peer;
  const hops = read('x-forwarded-for')
    .split(',')
    .map(plainAddress)
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer; // a proxy we trust wrote nonsense: fall back to the socket
    if (!trusted.has(hop)) return hop;
  }
  return hops[0] ?? peer;
}
