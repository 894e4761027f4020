import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../src/app/access/loginRateLimiter.js';
import { PostgresTokenBuckets } from '../../src/app/access/sqlTokenBuckets.js';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { isMailroomError } from '../../src/domain/shared/errors.js';

const enabled = await postgresAvailable();

const refusal = async (admitting: Promise<void>) => {
  try {
    await admitting;
  } catch (e) {
    if (isMailroomError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  return null;
};

/**
 * Two limiters with their own connection pools stand for two instances behind a load
 * balancer: a client spreading its attempts over both gets one budget.
 */
describe.runIf(enabled)('login rate limits shared through PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let dbA: ReadModelDatabase;
  let dbB: ReadModelDatabase;

  beforeAll(async () => {
    schema = await createTestSchema();
    dbA = await createReadModelDb({ kind: 'postgres', connectionString: schema.url });
    dbB = await createReadModelDb({ kind: 'postgres', connectionString: schema.url });
    await migrateToLatest(dbA.db);
  });
  afterAll(async () => {
    await dbA?.destroy();
    await dbB?.destroy();
    await schema?.drop();
  });

  const limiters = (clock: () => number) =>
    [dbA, dbB].map(
      (rm) => new LoginRateLimiter({ perIp: { burst: 5, perMinute: 6 }, perUsername: { burst: 100, perMinute: 100 }, clock, buckets: new PostgresTokenBuckets(rm.db) }),
    ) as [LoginRateLimiter, LoginRateLimiter];

  it('spends one budget across instances, refuses with the retry time, and refills', async () => {
    let now = 1_800_000_000_000;
    const [a, b] = limiters(() => now);
    for (const limiter of [a, b, a, b, a]) expect(await refusal(limiter.admit('mallory', '203.0.113.9'))).toBeNull();
    // 6 per minute: one token every 10 s.
    expect(await refusal(b.admit('someone-else', '203.0.113.9'))).toEqual({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 10 } });
    expect((await refusal(a.admit('mallory', '203.0.113.9')))?.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    expect(await refusal(a.admit('mallory', '203.0.113.10'))).toBeNull();
    now += 10_000;
    expect(await refusal(b.admit('mallory', '203.0.113.9'))).toBeNull();
    expect((await refusal(a.admit('mallory', '203.0.113.9')))?.code).toBe('RATE_LIMITED');
  });

  it('never admits more than the burst when both instances race', async () => {
    const now = 1_900_000_000_000;
    const [a, b] = limiters(() => now);
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => refusal((i % 2 ? a : b).admit(`u${i}`, '198.51.100.77'))));
    expect(outcomes.filter((o) => o === null)).toHaveLength(5);
    expect(outcomes.filter((o) => o?.code === 'RATE_LIMITED')).toHaveLength(35);
  });

  it('stores digests, not the usernames people type', async () => {
    const [a] = limiters(() => 2_000_000_000_000);
    await a.admit('my-password-typed-as-username', '192.0.2.200');
    const rows = await dbA.db.selectFrom('login_rate_buckets').select('id').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const { id } of rows) expect(id).toMatch(/^[0-9a-f]{64}$/);
  });
});
