import { describe, expect, it } from 'vitest';
import { createClientAddressResolver } from '../../src/app/access/clientAddress.js';

describe('client address', () => {
  const viaProxies = createClientAddressResolver(['10.0.0.0/8', '2001:db8:ffff::/48']);

  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const direct = createClientAddressResolver([]);
    expect(direct('::ffff:198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
    expect(direct('2001:DB8::7', undefined)).toBe('2001:db8::7');
  });

  it('ignores the header from an untrusted peer', () => {
    expect(viaProxies('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('walks right to left past trusted proxies to the first untrusted hop', () => {
    expect(viaProxies('10.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(viaProxies('10.0.0.1', '203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    // The client wrote "1.1.1.1" itself: left of the first untrusted hop, never read.
    expect(viaProxies('10.0.0.1', '1.1.1.1, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    expect(viaProxies('10.0.0.1', ['1.1.1.1, 203.0.113.9', '10.0.0.2'])).toBe('203.0.113.9');
    expect(viaProxies('2001:db8:ffff::1', '2001:db8:1::5')).toBe('2001:db8:1::5');
  });

  it('takes the leftmost hop when every hop is a trusted proxy, and the peer without a header', () => {
    expect(viaProxies('10.0.0.1', '10.0.0.3, 10.0.0.2')).toBe('10.0.0.3');
    expect(viaProxies('10.0.0.1', undefined)).toBe('10.0.0.1');
    expect(viaProxies('10.0.0.1', '')).toBe('10.0.0.1');
  });

  it('accepts ports and brackets, folds IPv4-mapped addresses', () => {
    expect(viaProxies('10.0.0.1', '203.0.113.9:51234')).toBe('203.0.113.9');
    expect(viaProxies('10.0.0.1', '[2001:db8:1::5]:443')).toBe('2001:db8:1::5');
    expect(viaProxies('::ffff:10.0.0.1', '::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('yields an unknown address for junk inside the trusted chain, and for no peer', () => {
    expect(viaProxies('10.0.0.1', 'unknown')).toBe('');
    expect(viaProxies('10.0.0.1', '203.0.113.9, garbage')).toBe('');
    expect(viaProxies(undefined, '203.0.113.9')).toBe('');
  });
});
