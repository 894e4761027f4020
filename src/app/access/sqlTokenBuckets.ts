import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { secondsUntilToken, type RateLimit, type TokenBucketStore } from './loginRateLimiter.js';

/** How often stale buckets are swept (a full bucket is the same as no row). */
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Login token buckets in PostgreSQL, shared by every instance on the database. One
 * statement per take: the upsert refills, takes and records whether it took under the
 * row lock, so concurrent takes from several instances never spend the same token twice.
 * Keys are stored as sha256 digests: people type passwords into username fields, and
 * this table must not become a list of them.
 */
export class PostgresTokenBuckets implements TokenBucketStore {
  private lastSweep = 0;

  constructor(private readonly db: Kysely<ReadModelDb>) {}

  async take(kind: 'ip' | 'username', key: string, limit: RateLimit, now: number): Promise<number> {
    const id = createHash('sha256').update(`${kind}\0${key}`).digest('hex');
    const rate = limit.perMinute / 60_000;
    const refill = sql`least(${limit.burst}::double precision, b.tokens + greatest(0, ${now}::bigint - b.at_ms) * ${rate}::double precision)`;
    const { rows } = await sql<{ tokens: number; admitted: boolean }>`
      insert into login_rate_buckets as b (id, tokens, at_ms, admitted)
      values (${id}, ${limit.burst - 1}::double precision, ${now}::bigint, true)
      on conflict (id) do update set
        tokens = case when ${refill} >= 1 then ${refill} - 1 else ${refill} end,
        admitted = ${refill} >= 1,
        at_ms = greatest(b.at_ms, ${now}::bigint)
      returning tokens, admitted`.execute(this.db);
    const row = rows[0]!;
    if (now - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = now;
      // A bucket untouched for burst/rate is full again, the same as no row. This take's limit
      // may be the faster-refilling kind, hence the hour at least (configured limits refill in minutes).
      const fullAfterMs = Math.ceil(limit.burst / rate);
      void sql`delete from login_rate_buckets where at_ms < ${now - Math.max(fullAfterMs, 60 * 60_000)}::bigint`.execute(this.db).catch(() => {});
    }
    return row.admitted ? 0 : secondsUntilToken(limit, Number(row.tokens));
  }
}
