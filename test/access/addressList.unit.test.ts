import { describe, expect, it } from 'vitest';
import { AddressList } from '../../src/app/access/addressList.js';
import { scanMatcher } from '../../src/domain/access/accessPolicy.js';
import { formatIpAddress, formatIpPrefix, parseIpAddress, parseIpPrefix, type IpAddress } from '../../src/domain/access/ipAddress.js';

/** Deterministic generator, so a failure reproduces. */
const rng = (seed: number) => () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0), seed);

/** Canonical rule text for an address and a length (host bits cleared by the parser). */
const rule = (address: IpAddress, length: number): string => formatIpPrefix(parseIpPrefix(`${formatIpAddress(address)}/${length}`)!.prefix);

// Few distinct leading bits, so rules nest and overlap and lookups walk deep.
const v4 = (next: () => number): IpAddress => ({ family: 4, words: [((((next() % 4) + 10) << 24) | (next() & 0xffffff)) >>> 0] });
const v6 = (next: () => number): IpAddress => ({ family: 6, words: [0x20010db8, next() % 4 === 0 ? next() : 0, next() % 2 ? next() : 0, next()] });

describe('AddressList (trie) against a linear scan', () => {
  it('answers the same most specific rule for 20,000 random addresses over 2,000 overlapping rules', () => {
    const next = rng(42);
    const rules = new Set<string>();
    while (rules.size < 2000) rules.add(next() % 3 === 0 ? rule(v6(next), 32 + (next() % 97)) : rule(v4(next), 8 + (next() % 25)));
    const list = [...rules];
    const trie = new AddressList(list);
    const scan = scanMatcher(list);
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const address = next() % 3 === 0 ? v6(next) : v4(next);
      const expected = scan.match(address);
      expect(trie.match(address)).toBe(expected);
      if (expected !== null) matched++;
    }
    expect(matched).toBeGreaterThan(1000);
  });

  it('handles /0, full-length prefixes and IPv4-mapped addresses', () => {
    const list = new AddressList(['0.0.0.0/0', '192.0.2.1', '::/0', '2001:db8::1']);
    expect(list.match(parseIpAddress('192.0.2.1')!)).toBe('192.0.2.1');
    expect(list.match(parseIpAddress('::ffff:192.0.2.1')!)).toBe('192.0.2.1');
    expect(list.match(parseIpAddress('192.0.2.2')!)).toBe('0.0.0.0/0');
    expect(list.match(parseIpAddress('2001:db8::1')!)).toBe('2001:db8::1');
    expect(list.match(parseIpAddress('2001:db8::2')!)).toBe('::/0');
    expect(new AddressList([]).match(parseIpAddress('192.0.2.1')!)).toBeNull();
  });
});
