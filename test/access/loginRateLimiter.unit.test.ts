import { describe, expect, it } from 'vitest';
import { LoginRateLimiter, MemoryTokenBuckets } from '../../src/app/access/loginRateLimiter.js';
import { isMailroomError } from '../../src/domain/shared/errors.js';

const refusal = async (admitting: Promise<void>) => {
  try {
    await admitting;
  } catch (e) {
    if (isMailroomError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  return null;
};

describe('login rate limiter', () => {
  it('allows a burst per username, then refuses with a retry time, then refills', async () => {
    let now = 0;
    const limiter = new LoginRateLimiter({ perIp: { burst: 100, perMinute: 100 }, perUsername: { burst: 3, perMinute: 6 }, clock: () => now });
    for (let i = 0; i < 3; i++) expect(await refusal(limiter.admit('alice', '192.0.2.1'))).toBeNull();
    expect(await refusal(limiter.admit('alice', '192.0.2.2'))).toEqual({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 10 } });
    // Other usernames, known or not, have their own budget.
    expect(await refusal(limiter.admit('nobody', '192.0.2.1'))).toBeNull();
    now += 10_000;
    expect(await refusal(limiter.admit('alice', '192.0.2.1'))).toBeNull();
    expect((await refusal(limiter.admit('alice', '192.0.2.1')))?.code).toBe('RATE_LIMITED');
  });

  it('limits per client address across usernames', async () => {
    let now = 0;
    const limiter = new LoginRateLimiter({ perIp: { burst: 2, perMinute: 60 }, perUsername: { burst: 100, perMinute: 100 }, clock: () => now });
    expect(await refusal(limiter.admit('a', '198.51.100.1'))).toBeNull();
    expect(await refusal(limiter.admit('b', '198.51.100.1'))).toBeNull();
    expect((await refusal(limiter.admit('c', '198.51.100.1')))?.code).toBe('RATE_LIMITED');
    expect(await refusal(limiter.admit('c', '198.51.100.2'))).toBeNull();
    now += 1000;
    expect(await refusal(limiter.admit('c', '198.51.100.1'))).toBeNull();
  });

  it('keeps a bounded number of buckets in memory', async () => {
    const limiter = new LoginRateLimiter({ perIp: { burst: 1, perMinute: 1 }, perUsername: { burst: 1, perMinute: 1 }, clock: () => 0, buckets: new MemoryTokenBuckets(20) });
    for (let i = 0; i < 1000; i++) await limiter.admit(`user${i}`, `10.0.${i >> 8}.${i & 255}`);
    // The oldest buckets were dropped, so the first address starts afresh.
    expect(await refusal(limiter.admit('user0b', '10.0.0.0'))).toBeNull();
    expect((await refusal(limiter.admit('user999', '10.0.3.231')))?.code).toBe('RATE_LIMITED');
  });
});
