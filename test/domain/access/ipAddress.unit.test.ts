import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  formatIpAddress,
  formatIpPrefix,
  parseClientAddress,
  parseIpAddress,
  parseIpPrefix,
  prefixContains,
} from '../../../src/domain/access/ipAddress.js';

const canonical = (text: string) => {
  const a = parseIpAddress(text);
  return a ? formatIpAddress(a) : null;
};
const prefix = (text: string) => {
  const p = parseIpPrefix(text);
  return p ? formatIpPrefix(p.prefix) : null;
};

describe('IP addresses', () => {
  it('parses IPv4 strictly: four decimal octets, no leading zeros, none above 255', () => {
    expect(canonical('192.0.2.1')).toBe('192.0.2.1');
    expect(canonical('0.0.0.0')).toBe('0.0.0.0');
    expect(canonical('255.255.255.255')).toBe('255.255.255.255');
    for (const bad of ['192.0.2', '192.0.2.1.5', '256.0.0.1', '192.0.02.1', '1.2.3.-4', ' 1.2.3.4', '1.2.3.4 ', '0x1.2.3.4', '', '1..2.3']) {
      expect(parseIpAddress(bad), bad).toBeNull();
    }
  });

  it('writes IPv6 canonically (RFC 5952): lower case, no leading zeros, longest zero run as ::', () => {
    expect(canonical('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canonical('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonical('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(canonical('::')).toBe('::');
    expect(canonical('::1')).toBe('::1');
    expect(canonical('fe80::')).toBe('fe80::');
    expect(canonical('1:0:0:2:0:0:0:3')).toBe('1:0:0:2::3');
    expect(canonical('64:ff9b::192.0.2.33')).toBe('64:ff9b::c000:221');
  });

  it('folds IPv4-mapped IPv6 into IPv4, in dotted and in hex form', () => {
    expect(parseIpAddress('::ffff:192.0.2.1')).toEqual({ family: 4, words: [0xc0000201] });
    expect(canonical('::FFFF:c000:0201')).toBe('192.0.2.1');
  });

  it('refuses malformed IPv6 and zone ids in rules, but drops a zone from a peer address', () => {
    for (const bad of ['1:2:3:4:5:6:7:8:9', '1::2::3', ':1:2:3:4:5:6:7', '12345::1', 'g::1', '::1.2.3', '1.2.3.4::', 'fe80::1%eth0', ':::']) {
      expect(parseIpAddress(bad), bad).toBeNull();
    }
    expect(formatIpAddress(parseClientAddress('fe80::1%eth0')!)).toBe('fe80::1');
    expect(formatIpAddress(parseClientAddress('[2001:db8::1]')!)).toBe('2001:db8::1');
    expect(parseClientAddress(undefined)).toBeNull();
  });

  it('agrees with node:net on what is an address, over many generated spellings', () => {
    const samples: string[] = [];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 2000; i++) {
      const groups = Array.from({ length: 8 }, () => (rnd(3) === 0 ? '0' : rnd(0x10000).toString(16)));
      const start = rnd(8);
      const len = rnd(4);
      const text = len > 0 && start + len <= 8 ? `${groups.slice(0, start).join(':')}::${groups.slice(start + len).join(':')}` : groups.join(':');
      samples.push(text, `${rnd(300)}.${rnd(300)}.${rnd(300)}.${rnd(300)}`);
    }
    for (const s of samples) {
      const ours = parseIpAddress(s) !== null;
      expect(ours, s).toBe(isIP(s) !== 0);
      const again = parseIpAddress(s);
      if (again) expect(parseIpAddress(formatIpAddress(again)), s).toEqual(again);
    }
  });
});

describe('IP prefixes', () => {
  it('accepts CIDR ranges and single addresses, canonical text without /32 or /128', () => {
    expect(prefix('192.0.2.0/24')).toBe('192.0.2.0/24');
    expect(prefix('192.0.2.7/32')).toBe('192.0.2.7');
    expect(prefix('192.0.2.7')).toBe('192.0.2.7');
    expect(prefix('2001:DB8::/32')).toBe('2001:db8::/32');
    expect(prefix('::/0')).toBe('::/0');
    expect(prefix('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(prefix(' 10.0.0.0/8 ')).toBe('10.0.0.0/8');
  });

  it('clears host bits and says so', () => {
    expect(parseIpPrefix('10.1.2.3/8')).toMatchObject({ hadHostBits: true });
    expect(prefix('10.1.2.3/8')).toBe('10.0.0.0/8');
    expect(prefix('2001:db8::1/64')).toBe('2001:db8::/64');
    expect(parseIpPrefix('10.0.0.0/8')).toMatchObject({ hadHostBits: false });
  });

  it('maps ::ffff:0:0/96 ranges onto IPv4, and keeps wider ranges IPv6', () => {
    expect(prefix('::ffff:10.0.0.0/104')).toBe('10.0.0.0/8');
    expect(prefix('::ffff:0:0/96')).toBe('0.0.0.0/0');
    expect(prefix('::ffff:0:0/95')).toBe('::fffe:0:0/95');
  });

  it('refuses bad lengths and junk', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/', '::/129', '10.0.0.0/8/8', 'example.com', '10.0.0.0/x', 'fe80::/10%eth0']) {
      expect(parseIpPrefix(bad), bad).toBeNull();
    }
  });

  it('contains addresses of its own family only', () => {
    const net = parseIpPrefix('192.0.2.0/24')!.prefix;
    expect(prefixContains(net, parseIpAddress('192.0.2.200')!)).toBe(true);
    expect(prefixContains(net, parseIpAddress('192.0.3.1')!)).toBe(false);
    expect(prefixContains(net, parseIpAddress('::ffff:192.0.2.5')!)).toBe(true);
    expect(prefixContains(parseIpPrefix('::/0')!.prefix, parseIpAddress('192.0.2.1')!)).toBe(false);
    expect(prefixContains(parseIpPrefix('2001:db8::/33')!.prefix, parseIpAddress('2001:db8:7fff::1')!)).toBe(true);
    expect(prefixContains(parseIpPrefix('2001:db8::/33')!.prefix, parseIpAddress('2001:db8:8000::1')!)).toBe(false);
  });
});
