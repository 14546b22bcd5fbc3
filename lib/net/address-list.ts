import { BlockList, isIP } from 'node:net';

/** An address as Node reports it, without the IPv4-mapped prefix (`::ffff:10.0.0.1` → `10.0.0.1`). */
export function plainAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

/** Whether the text is one address or a CIDR block (`10.0.0.0/8`, `fd00::/8`, `127.0.0.1`). */
export function isAddressOrBlock(entry: string): boolean {
  const [address, bits, ...rest] = entry.trim().split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}

export interface AddressList {
  readonly size: number;
  has(address: string): boolean;
}

/**
 * A list of addresses and CIDR blocks (TRUSTED_PROXIES, INBOUND_SMTP_RELAYS), validated by the
 * caller with `isAddressOrBlock`. An empty list contains nothing.
 */
export function addressList(entries: readonly string[]): AddressList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.trim().split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return {
    size: entries.length,
    has(address) {
      const plain = plainAddress(address);
      const family = isIP(plain);
      if (family === 0 || entries.length === 0) return false;
      return list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}
