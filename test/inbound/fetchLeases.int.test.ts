import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin, PluginTransformQueryArgs, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { FetchLeaseLost, FetchLeases } from '../../src/app/inbound/scheduler/fetchLeases.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { manualClock } from './harness.js';

const pgAvailable = await postgresAvailable();
const LEASE_MS = 60_000;

/** Counts the UPDATE statements a Kysely instance sends (the database still runs them). */
const updateCounter = () => {
  const counter = {
    updates: 0,
    plugin: {
      transformQuery: ({ node }: PluginTransformQueryArgs): RootOperationNode => {
        if (node.kind === 'UpdateQueryNode') counter.updates++;
        return node;
      },
      transformResult: async (args) => args.result,
    } satisfies KyselyPlugin,
  };
  return counter;
};

/**
 * Two instances are two connection pools on one database (on SQLite two handles on one
 * file), each with its own FetchLeases, on a shared clock the test moves.
 */
describe.each([
  { kind: 'sqlite' as const, enabled: true },
  { kind: 'postgres' as const, enabled: pgAvailable },
])('fetch leases on $kind', ({ kind, enabled }) => {
  let dbs: ReadModelDatabase[] = [];
  let cleanup: () => Promise<void> = async () => {};
  const clock = manualClock();
  let a: FetchLeases;
  let b: FetchLeases;

  beforeAll(async () => {
    if (!enabled) return;
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'mailroom-leases-'));
      const path = join(dir, 'readmodels.sqlite');
      dbs = [await createReadModelDb({ kind, path }), await createReadModelDb({ kind, path })];
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const schema = await createTestSchema();
      dbs = [await createReadModelDb({ kind, connectionString: schema.url, poolSize: 8 }), await createReadModelDb({ kind, connectionString: schema.url, poolSize: 8 })];
      cleanup = schema.drop;
    }
    await migrateToLatest(dbs[0]!.db);
    a = new FetchLeases({ db: dbs[0]!.db, holder: 'instance-a', leaseMs: LEASE_MS, clock: clock.now });
    b = new FetchLeases({ db: dbs[1]!.db, holder: 'instance-b', leaseMs: LEASE_MS, clock: clock.now });
  });
  afterAll(async () => {
    for (const d of dbs) await d.destroy();
    await cleanup();
  });

  it.runIf(enabled)('two holders contending for the same accounts at once: exactly one wins each', async () => {
    const accounts = Array.from({ length: 30 }, (_, i) => `contended-${i}`);
    const results = await Promise.all(accounts.flatMap((id) => [a.acquire(id).then((won) => ({ id, holder: 'instance-a', won })), b.acquire(id).then((won) => ({ id, holder: 'instance-b', won }))]));
    for (const id of accounts) {
      const winners = results.filter((r) => r.id === id && r.won);
      expect(winners, id).toHaveLength(1);
      expect((await a.current(id))?.holder).toBe(winners[0]!.holder);
    }
  });

  it.runIf(enabled)('a live lease is refused to the other holder, re-granted to its own holder, and free again once released', async () => {
    expect(await a.acquire('acc-1')).toBe(true);
    const first = await a.current('acc-1');
    clock.advance(1000);
    expect(await b.acquire('acc-1')).toBe(false);
    expect(await a.acquire('acc-1')).toBe(true);
    // Re-acquiring one's own lease extends it but keeps when it was first taken.
    expect(await a.current('acc-1')).toMatchObject({ holder: 'instance-a', acquiredAt: first!.acquiredAt });
    await b.release('acc-1');
    expect((await a.current('acc-1'))?.holder).toBe('instance-a');
    await a.release('acc-1');
    expect(await a.current('acc-1')).toBeUndefined();
    expect(await b.acquire('acc-1')).toBe(true);
    await b.release('acc-1');
  });

  it.runIf(enabled)('renewals by the holder keep the lease past its first expiry', async () => {
    expect(await a.acquire('acc-2')).toBe(true);
    for (let i = 0; i < 3; i++) {
      clock.advance((LEASE_MS * 2) / 3);
      expect(await a.renew('acc-2')).toBe(true);
    }
    // Twice the lease period since it was taken, but only 2/3 since the last renewal.
    clock.advance((LEASE_MS * 2) / 3);
    expect(await b.acquire('acc-2')).toBe(false);
    expect(a.isLive(await a.current('acc-2'))).toBe(true);
    await a.release('acc-2');
  });

  it.runIf(enabled)('an expired lease goes to the other holder, and the old holder’s renewal then reports the loss', async () => {
    expect(await a.acquire('acc-3')).toBe(true);
    clock.advance(LEASE_MS - 1);
    expect(await b.acquire('acc-3')).toBe(false);
    clock.advance(2);
    expect(a.isLive(await a.current('acc-3'))).toBe(false);
    expect(await b.acquire('acc-3')).toBe(true);
    const taken = await b.current('acc-3');
    expect(taken).toMatchObject({ holder: 'instance-b', acquiredAt: clock.now().toISOString() });
    expect(await a.renew('acc-3')).toBe(false);
    expect(await a.acquire('acc-3')).toBe(false);
    // The loser's release must not free the winner's lease.
    await a.release('acc-3');
    expect(await b.current('acc-3')).toEqual(taken);
    expect(await b.renew('acc-3')).toBe(true);
    await b.release('acc-3');
  });

  it.runIf(enabled)('an expired lease of a deleted account is dropped; a live one is kept', async () => {
    expect(await a.acquire('gone-1')).toBe(true);
    clock.advance(LEASE_MS + 1);
    expect(await b.acquire('gone-2')).toBe(true);
    await a.dropExpired(['gone-1', 'gone-2']);
    expect(await a.current('gone-1')).toBeUndefined();
    expect((await a.current('gone-2'))?.holder).toBe('instance-b');
  });

  it.runIf(enabled)('one renewal pass renews every kept lease of the holder in one statement, and aborts the one another holder took', async () => {
    const counter = updateCounter();
    const kept = new FetchLeases({ db: dbs[0]!.db.withPlugin(counter.plugin), holder: 'instance-a', leaseMs: LEASE_MS, clock: clock.now });
    const ids = ['kept-1', 'kept-2', 'kept-3'];
    const controllers = ids.map(() => new AbortController());
    for (const id of ids) expect(await kept.acquire(id)).toBe(true);
    const stops = ids.map((id, i) => kept.keep(id, controllers[i]!));
    // All three expire; instance-b takes kept-2 before instance-a's next pass.
    clock.advance(LEASE_MS + 1);
    expect(await b.acquire('kept-2')).toBe(true);
    counter.updates = 0;
    await kept.renewKept();
    expect(counter.updates).toBe(1);
    expect(controllers.map((c) => c.signal.aborted)).toEqual([false, true, false]);
    expect(controllers[1]!.signal.reason).toBeInstanceOf(FetchLeaseLost);
    expect((await b.current('kept-2'))?.holder).toBe('instance-b');
    // kept-1 and kept-3 were extended: still refused to instance-b 2/3 of a lease later.
    clock.advance((LEASE_MS * 2) / 3);
    expect(await b.acquire('kept-1')).toBe(false);
    expect(await b.acquire('kept-3')).toBe(false);
    // A stopped lease is no longer renewed, and its release is not reported as a loss.
    stops[0]!();
    await kept.release('kept-1');
    counter.updates = 0;
    await kept.renewKept();
    expect(counter.updates).toBe(1);
    expect(controllers[0]!.signal.aborted).toBe(false);
    expect(await kept.current('kept-1')).toBeUndefined();
    stops[1]!();
    stops[2]!();
    await kept.release('kept-3');
    await b.release('kept-2');
  });
});
