import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../src/access/loginRateLimiter.js';
import { isMailroomError } from '../../src/errors/index.js';

const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if (isMailroomError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  return null;
};

describe('login rate limiter', () => {
  it('allows a burst per username, then refuses with a retry time, then refills', () => {
    let now = 0;
    const limiter = new LoginRateLimiter({ perIp: { burst: 100, perMinute: 100 }, perUsername: { burst: 3, perMinute: 6 }, clock: () => now });
    for (let i = 0; i < 3; i++) expect(refusal(() => limiter.admit('alice', '192.0.2.1'))).toBeNull();
    expect(refusal(() => limiter.admit('alice', '192.0.2.2'))).toEqual({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 10 } });
    // Other usernames, known or not, have their own budget.
    expect(refusal(() => limiter.admit('nobody', '192.0.2.1'))).toBeNull();
    now += 10_000;
    expect(refusal(() => limiter.admit('alice', '192.0.2.1'))).toBeNull();
    expect(refusal(() => limiter.admit('alice', '192.0.2.1'))?.code).toBe('RATE_LIMITED');
  });

  it('limits per client address across usernames', () => {
    let now = 0;
    const limiter = new LoginRateLimiter({ perIp: { burst: 2, perMinute: 60 }, perUsername: { burst: 100, perMinute: 100 }, clock: () => now });
    expect(refusal(() => limiter.admit('a', '198.51.100.1'))).toBeNull();
    expect(refusal(() => limiter.admit('b', '198.51.100.1'))).toBeNull();
    expect(refusal(() => limiter.admit('c', '198.51.100.1'))?.code).toBe('RATE_LIMITED');
    expect(refusal(() => limiter.admit('c', '198.51.100.2'))).toBeNull();
    now += 1000;
    expect(refusal(() => limiter.admit('c', '198.51.100.1'))).toBeNull();
  });

  it('keeps a bounded number of buckets', () => {
    const limiter = new LoginRateLimiter({ perIp: { burst: 1, perMinute: 1 }, perUsername: { burst: 1, perMinute: 1 }, clock: () => 0, maxKeys: 10 });
    for (let i = 0; i < 1000; i++) limiter.admit(`user${i}`, `10.0.${i >> 8}.${i & 255}`);
    // The oldest buckets were dropped, so the first address starts afresh.
    expect(refusal(() => limiter.admit('user0b', '10.0.0.0'))).toBeNull();
    expect(refusal(() => limiter.admit('user999', '10.0.3.231'))?.code).toBe('RATE_LIMITED');
  });
});
