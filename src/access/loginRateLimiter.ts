import { ErrorCode, MailroomError } from '../errors/index.js';

export interface RateLimit {
  /** Attempts allowed in a burst. */
  readonly burst: number;
  /** Attempts regained per minute. */
  readonly perMinute: number;
}

export interface LoginRateLimiterOptions {
  /** @default { burst: 120, perMinute: 120 } */
  readonly perIp?: RateLimit;
  /** Per username as typed (normalised), whether or not it exists. @default { burst: 10, perMinute: 10 } */
  readonly perUsername?: RateLimit;
  /** Milliseconds now. @default Date.now */
  readonly clock?: () => number;
  /** Buckets kept per kind; the least recently used are dropped beyond it. @default 100 000 */
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys: number,
  ) {}

  /** Takes one token; returns 0 when taken, else the seconds until one is available. */
  take(key: string, now: number): number {
    const ratePerMs = this.limit.perMinute / 60_000;
    const old = this.buckets.get(key);
    const tokens = old ? Math.min(this.limit.burst, old.tokens + (now - old.at) * ratePerMs) : this.limit.burst;
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.ceil((1 - tokens) / ratePerMs / 1000);
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(k);
    }
    return 0;
  }
}

/**
 * Token buckets per client address and per username, in this process's memory: right for
 * one instance; behind a load balancer each instance limits on its own (the account lock,
 * which is in the event store, still bounds guessing per user across instances). Limits
 * apply before any password work, so a flood costs no argon2 time, and the per-username
 * bucket exists for unknown names too, so it reveals nothing about which names exist.
 */
export class LoginRateLimiter {
  private readonly perIp: TokenBuckets;
  private readonly perUsername: TokenBuckets;
  private readonly clock: () => number;

  constructor(options: LoginRateLimiterOptions = {}) {
    const maxKeys = options.maxKeys ?? 100_000;
    this.perIp = new TokenBuckets(options.perIp ?? { burst: 120, perMinute: 120 }, maxKeys);
    this.perUsername = new TokenBuckets(options.perUsername ?? { burst: 10, perMinute: 10 }, maxKeys);
    this.clock = options.clock ?? Date.now;
  }

  /** Throws RATE_LIMITED (with `retryAfterSeconds`) when either budget is spent. */
  admit(username: string, clientIp: string | null): void {
    const now = this.clock();
    const wait = this.perIp.take(clientIp || 'unknown', now) || this.perUsername.take(username, now);
    if (wait > 0) {
      throw new MailroomError(ErrorCode.RATE_LIMITED, `Too many login attempts; try again in ${wait} s`, {
        details: { retryAfterSeconds: wait },
      });
    }
  }
}
