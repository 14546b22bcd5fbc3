import { describe, expect, it } from 'vitest';
import { addressList, isAddressOrBlock, plainAddress } from './address-list';

describe('address lists (TRUSTED_PROXIES, INBOUND_SMTP_RELAYS)', () => {
  it('accepts addresses and CIDR blocks of both families and nothing else', () => {
    for (const ok of ['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '0.0.0.0/0'])
      expect(isAddressOrBlock(ok), ok).toBe(true);
    for (const bad of [
      '',
      'proxy.local',
      '10.0.0.0/33',
      '::/129',
      '10.0.0.1/8/1',
      '10.0.0/8',
      '1.2.3.4/x',
    ])
      expect(isAddressOrBlock(bad), bad).toBe(false);
  });

  it('matches members of its blocks, IPv4-mapped IPv6 included, and nothing when empty', () => {
    const list = addressList(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    expect(list.has('10.200.3.4')).toBe(true);
    expect(list.has('::ffff:10.1.2.3')).toBe(true);
    expect(list.has('192.168.1.7')).toBe(true);
    expect(list.has('192.168.1.8')).toBe(false);
    expect(list.has('fd12::1')).toBe(true);
    expect(list.has('2001:db8::1')).toBe(false);
    expect(list.has('not an address')).toBe(false);
    expect(addressList([]).has('127.0.0.1')).toBe(false);
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });
});
