import { ErrorCode, MailroomError } from '../../domain/shared/errors.js';

export interface RateLimit {
  /** Attempts allowed in a burst. */
  readonly burst: number;
  /** Attempts regained per minute. */
  readonly perMinute: number;
}

/**
 * Where token buckets live: this process's memory (one instance, SQLite) or the shared
 * database (several instances on one PostgreSQL: src/app/access/sqlTokenBuckets.ts).
 */
export interface TokenBucketStore {
  /** Takes one token from `kind`/`key`; resolves 0 when taken, else the seconds until one is available. */
  take(kind: 'ip' | 'username', key: string, limit: RateLimit, now: number): Promise<number>;
}

export interface LoginRateLimiterOptions {
  /** @default { burst: 120, perMinute: 120 } */
  readonly perIp?: RateLimit;
  /** Per username as typed (normalised), whether or not it exists. @default { burst: 10, perMinute: 10 } */
  readonly perUsername?: RateLimit;
  /** Milliseconds now. @default Date.now */
  readonly clock?: () => number;
  /** @default buckets in this process's memory (`MemoryTokenBuckets`) */
  readonly buckets?: TokenBucketStore;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** The refill arithmetic shared by every store: tokens regained since `at`, capped at the burst. */
export const refilled = (limit: RateLimit, tokens: number, at: number, now: number): number =>
  Math.min(limit.burst, tokens + Math.max(0, now - at) * (limit.perMinute / 60_000));

/** Seconds until a bucket holding `tokens` (< 1) has one whole token again. */
export const secondsUntilToken = (limit: RateLimit, tokens: number): number => Math.ceil((1 - tokens) / (limit.perMinute / 60_000) / 1000);

export class MemoryTokenBuckets implements TokenBucketStore {
  private readonly buckets = new Map<string, Bucket>();

  /** @param maxKeys buckets kept; the least recently used are dropped beyond it. @default 200 000 */
  constructor(private readonly maxKeys = 200_000) {}

  take(kind: 'ip' | 'username', key: string, limit: RateLimit, now: number): Promise<number> {
    const id = `${kind}:${key}`;
    const old = this.buckets.get(id);
    const tokens = old ? refilled(limit, old.tokens, old.at, now) : limit.burst;
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(id);
    if (tokens < 1) {
      this.buckets.set(id, { tokens, at: now });
      return Promise.resolve(secondsUntilToken(limit, tokens));
    }
    this.buckets.set(id, { tokens: tokens - 1, at: now });
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(k);
    }
    return Promise.resolve(0);
  }
}

/**
 * Token buckets per client address and per username. Limits apply before any password
 * work, so a flood costs no argon2 time, and the per-username bucket exists for unknown
 * names too, so it reveals nothing about which names exist. With several instances the
 * buckets are in the shared database, so a client spreading its attempts over the
 * instances behind a load balancer gets one budget, not one per instance.
 */
export class LoginRateLimiter {
  private readonly perIp: RateLimit;
  private readonly perUsername: RateLimit;
  private readonly clock: () => number;
  private readonly buckets: TokenBucketStore;

  constructor(options: LoginRateLimiterOptions = {}) {
    this.perIp = options.perIp ?? { burst: 120, perMinute: 120 };
    this.perUsername = options.perUsername ?? { burst: 10, perMinute: 10 };
    this.clock = options.clock ?? Date.now;
    this.buckets = options.buckets ?? new MemoryTokenBuckets();
  }

  /** Rejects with RATE_LIMITED (with `retryAfterSeconds`) when either budget is spent. */
  async admit(username: string, clientIp: string | null): Promise<void> {
    const now = this.clock();
    const wait =
      (await this.buckets.take('ip', clientIp || 'unknown', this.perIp, now)) ||
      (await this.buckets.take('username', username, this.perUsername, now));
    if (wait > 0) {
      throw new MailroomError(ErrorCode.RATE_LIMITED, `Too many login attempts; try again in ${wait} s`, {
        details: { retryAfterSeconds: wait },
      });
    }
  }
}
