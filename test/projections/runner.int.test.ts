import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ErrorCode, MailroomError } from '../../src/domain/shared/errors.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import { isCaughtUp, ProjectionRunner, ReadModelLagError, type ProjectionRunnerOptions } from '../../src/projections/runner.js';
import { openReadModelDb, readModelKinds, type OpenedReadModelDb } from '../db/readModelDbs.js';
import { appendCounted, checkpointOf, createToyTables, newEvent, toyProjection, toySnapshot } from './toyProjection.js';

const kinds = await readModelKinds();

const until = async (predicate: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
};

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(kinds)('ProjectionRunner on %s', (kind) => {
  let opened: OpenedReadModelDb;
  let rm: ReadModelDatabase;
  let store: MemoryEventStore;
  const runners: ProjectionRunner[] = [];

  const runner = (options: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner => {
    const r = new ProjectionRunner({ store, db: rm.db, projections: [toyProjection()], logger: silent, ...options });
    runners.push(r);
    return r;
  };

  beforeEach(async () => {
    opened = await openReadModelDb(kind);
    rm = opened.handle;
    await migrateToLatest(rm.db);
    await createToyTables(rm.db);
    store = new MemoryEventStore();
  });

  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await opened.cleanup();
  });

  it('applies handled events, steps over the others, and checkpoints the last position', async () => {
    await appendCounted(store, 10);
    await store.appendToStream('noise', [newEvent('Other', {}), newEvent('Other', {})]);
    const r = runner();
    await r.start();
    await r.waitForPosition(12, 5000);

    expect(await toySnapshot(rm.db)).toEqual({
      counters: [
        { id: 'a', count: 4, last_position: 10 },
        { id: 'b', count: 3, last_position: 8 },
        { id: 'c', count: 3, last_position: 9 },
      ],
      log: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    });
    expect(await checkpointOf(rm.db, 'toy')).toBe(12);
    const status = await r.status();
    expect(status).toEqual({ head: 12, running: true, projections: [{ name: 'toy', state: 'running', position: 12, lag: 0 }] });
    expect(isCaughtUp(status)).toBe(true);
  });

  it('applies a live event without waiting for a batch to fill, and drains bursts in few transactions', async () => {
    const transactions = new Set<object>();
    const r = runner({ batchSize: 100, projections: [toyProjection({ onApplied: (_e, trx) => void transactions.add(trx) })] });
    await r.start();
    const { position } = await store.appendToStream('counter-a', [newEvent('Counted', { id: 'a' })]);
    await r.waitForPosition(position, 1000);
    expect(transactions.size).toBe(1);

    const last = await appendCounted(store, 1000);
    await r.waitForPosition(last, 10_000);
    expect((await toySnapshot(rm.db)).log).toHaveLength(1001);
    // At most `batchSize` per transaction, and far fewer transactions than events.
    expect(transactions.size).toBeGreaterThanOrEqual(11);
    expect(transactions.size).toBeLessThan(200);
  });

  it('applies a batch for every projection in one transaction and advances all their checkpoints in it', async () => {
    await createToyTables(rm.db, 'other');
    const seen: { name: string; trx: object }[] = [];
    const r = runner({
      projections: ['toy', 'other'].map((name) => toyProjection({ name, onApplied: (_e, trx) => void seen.push({ name, trx }) })),
    });
    await r.start();
    const { position } = await store.appendToStream('counter-a', [newEvent('Counted', { id: 'a' })]);
    await r.waitForPosition(position, 5000);
    expect(seen.map((s) => s.name)).toEqual(['toy', 'other']);
    expect(seen[0]!.trx).toBe(seen[1]!.trx);
    expect([await checkpointOf(rm.db, 'toy'), await checkpointOf(rm.db, 'other')]).toEqual([1, 1]);

    // One that joins late (its own checkpoint behind) catches up without re-applying for the others.
    await r.rebuild(['other']);
    seen.length = 0;
    const next = await appendCounted(store, 3);
    await r.waitForPosition(next, 5000);
    expect((await toySnapshot(rm.db)).log).toEqual([1, 2, 3, 4]);
    expect((await toySnapshot(rm.db, 'other')).log).toEqual([1, 2, 3, 4]);
  });

  it('resumes from its checkpoint after a restart without re-applying anything', async () => {
    const first = runner();
    await first.start();
    await first.waitForPosition(await appendCounted(store, 5), 5000);
    await first.stop();
    expect((await first.status()).projections[0]).toMatchObject({ state: 'stopped', position: 5 });

    await appendCounted(store, 5);
    const applied: number[] = [];
    const restartedDb = await opened.reopen();
    const second = runner({ db: restartedDb.db, projections: [toyProjection({ onApplied: (e) => void applied.push(e.position) })] });
    await second.start();
    await second.waitForPosition(10, 5000);

    expect(applied).toEqual([6, 7, 8, 9, 10]);
    const { counters, log } = await toySnapshot(rm.db);
    expect(log).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(counters.map((c) => c.count)).toEqual([4, 4, 2]);
  });

  it('rolls back a batch whose apply throws mid-way, retries, then marks only that projection failed', async () => {
    await appendCounted(store, 6);
    let attemptsOnPoison = 0;
    const failing = toyProjection({
      failOn: (e) => {
        if (e.position !== 4) return false;
        attemptsOnPoison += 1;
        return true;
      },
    });
    await createToyTables(rm.db, 'other');
    const r = runner({ projections: [failing, toyProjection({ name: 'other' })], retry: { maxRetries: 2, baseDelayMs: 5 } });
    await r.start();

    await until(async () => (await r.status()).projections[0]!.state === 'failed');
    expect(attemptsOnPoison).toBe(3);
    // Events 1-3 were applied inside the failed transaction; none of it is visible.
    expect(await toySnapshot(rm.db)).toEqual({ counters: [], log: [] });
    expect(await checkpointOf(rm.db, 'toy')).toBe(0);

    await r.waitForPosition(6, 5000);
    expect((await toySnapshot(rm.db, 'other')).log).toEqual([1, 2, 3, 4, 5, 6]);
    const status = await r.status();
    expect(status.projections).toEqual([
      {
        name: 'toy',
        state: 'failed',
        position: 0,
        lag: 6,
        error: 'Projection "toy" failed on event 4 (Counted in counter-a): toy refuses event 4',
      },
      { name: 'other', state: 'running', position: 6, lag: 0 },
    ]);
    expect(isCaughtUp(status)).toBe(false);
  });

  it('recovers from a transient apply failure and applies every event exactly once', async () => {
    await appendCounted(store, 6);
    let failuresLeft = 2;
    const r = runner({
      projections: [toyProjection({ failOn: (e) => e.position === 4 && failuresLeft-- > 0 })],
      retry: { maxRetries: 3, baseDelayMs: 5 },
    });
    await r.start();
    await r.waitForPosition(6, 5000);
    expect((await toySnapshot(rm.db)).log).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await r.status()).projections[0]).toEqual({ name: 'toy', state: 'running', position: 6, lag: 0 });
  });

  it('retries when reading the event store fails, resuming from the checkpoint', async () => {
    class FlakyStore extends MemoryEventStore {
      failuresLeft = 0;
      override async readAll(options?: Parameters<MemoryEventStore['readAll']>[0]) {
        if (this.failuresLeft > 0) {
          this.failuresLeft -= 1;
          throw new Error('connection reset');
        }
        return super.readAll(options);
      }
    }
    const flaky = new FlakyStore();
    store = flaky;
    const r = runner({ retry: { maxRetries: 3, baseDelayMs: 5 } });
    await r.start();
    await r.waitForPosition(await appendCounted(store, 3), 5000);
    flaky.failuresLeft = 2;
    await r.waitForPosition(await appendCounted(store, 3), 5000);
    expect(flaky.failuresLeft).toBe(0);
    expect((await toySnapshot(rm.db)).log).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await r.status()).projections[0]).toMatchObject({ state: 'running', position: 6 });
  });

  it('stop lets the in-flight batch commit and then goes idle', async () => {
    await appendCounted(store, 5);
    let started!: () => void;
    const firstApply = new Promise<void>((resolve) => (started = resolve));
    const r = runner({
      projections: [
        toyProjection({
          onApplied: async () => {
            started();
            await sleep(30);
          },
        }),
      ],
    });
    await r.start();
    await firstApply;
    await r.stop();

    expect(await checkpointOf(rm.db, 'toy')).toBe(5);
    expect((await toySnapshot(rm.db)).log).toEqual([1, 2, 3, 4, 5]);
    expect((await r.status()).projections[0]).toMatchObject({ state: 'stopped', position: 5 });
    await appendCounted(store, 1);
    await sleep(50);
    expect(await checkpointOf(rm.db, 'toy')).toBe(5);
  });

  it('rebuild reproduces exactly the tables live processing built, after tampering', async () => {
    await appendCounted(store, 40, ['a', 'b', 'c', 'd']);
    await store.appendToStream('noise', [newEvent('Other', {})]);
    await appendCounted(store, 9);
    const live = runner({ batchSize: 3 });
    await live.start();
    await live.waitForPosition(50, 5000);
    await live.stop();
    const expected = await toySnapshot(rm.db);

    await sql`delete from toy_log where position = 7`.execute(rm.db);
    await sql`insert into toy_counters (id, count, last_position) values ('zz', 99, 99)`.execute(rm.db);
    const progress: { position: number; head: number; events: number }[] = [];
    const result = await runner({ rebuildBatchSize: 7 }).rebuild(undefined, ({ position, head, events }) =>
      progress.push({ position, head, events }),
    );

    expect(await toySnapshot(rm.db)).toEqual(expected);
    expect(await checkpointOf(rm.db, 'toy')).toBe(50);
    expect(result).toMatchObject({ position: 50, head: 50, events: 50 });
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(progress.map((p) => p.position)).toEqual([7, 14, 21, 28, 35, 42, 49, 50]);
    expect(progress.every((p) => p.head === 50)).toBe(true);
  });

  it('rebuilds while started: pauses the projection, then resumes live processing', async () => {
    const r = runner();
    await r.start();
    await r.waitForPosition(await appendCounted(store, 20), 5000);
    await sql`delete from toy_log`.execute(rm.db);

    const rebuilt = await r.rebuild(['toy']);
    expect(rebuilt.position).toBe(20);
    expect((await toySnapshot(rm.db)).log).toHaveLength(20);
    expect((await r.status()).projections[0]).toMatchObject({ state: 'running', position: 20 });

    await r.waitForPosition(await appendCounted(store, 5), 5000);
    expect((await toySnapshot(rm.db)).log).toHaveLength(25);
    await expect(r.rebuild(['nope'])).rejects.toMatchObject({ code: ErrorCode.VALIDATION });
  });

  it('waitForPosition resolves once the position is applied and rejects with the laggards on timeout', async () => {
    const r = runner();
    await expect(r.waitForPosition(1, 100)).rejects.toThrow('The projection runner is not running');
    await r.start();
    const waiting = r.waitForPosition(3, 5000);
    await appendCounted(store, 3);
    await waiting;
    expect(await checkpointOf(rm.db, 'toy')).toBe(3);

    const error = await r.waitForPosition(10, 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadModelLagError);
    expect(error).toBeInstanceOf(MailroomError);
    expect((error as Error).message).toBe('Read models did not reach position 10 within 50 ms (toy at 3)');

    const pending = r.waitForPosition(10, 5000);
    await r.stop();
    await expect(pending).rejects.toThrow('The projection runner was stopped');
  });

  it('reports stored checkpoints while stopped', async () => {
    await appendCounted(store, 4);
    const r = runner();
    expect((await r.status()).projections[0]).toEqual({ name: 'toy', state: 'stopped', position: 0, lag: 4 });
    await r.rebuild();
    expect(await r.status()).toEqual({
      head: 4,
      running: false,
      projections: [{ name: 'toy', state: 'stopped', position: 4, lag: 0 }],
    });
  });
});

describe.runIf(kinds.includes('postgres'))('ProjectionRunner: two runners on one PostgreSQL database', () => {
  it('never applies an event twice when two processes run the same projection', async () => {
    const opened = await openReadModelDb('postgres');
    const store = new MemoryEventStore();
    try {
      await migrateToLatest(opened.handle.db);
      await createToyTables(opened.handle.db);
      const second = await opened.reopen();
      const runners = [opened.handle, second].map(
        (h) => new ProjectionRunner({ store, db: h.db, projections: [toyProjection()], batchSize: 5, logger: silent }),
      );
      await Promise.all(runners.map((r) => r.start()));
      const last = await appendCounted(store, 200);
      await Promise.all(runners.map((r) => r.waitForPosition(last, 10_000).catch(() => {})));
      await until(async () => (await checkpointOf(opened.handle.db, 'toy')) === last);
      await Promise.all(runners.map((r) => r.stop()));
      const { log, counters } = await toySnapshot(opened.handle.db);
      expect(log).toHaveLength(200);
      expect(counters.reduce((n, c) => n + c.count, 0)).toBe(200);
      expect((await Promise.all(runners.map((r) => r.status()))).flatMap((s) => s.projections.map((p) => p.state))).toEqual([
        'stopped',
        'stopped',
      ]);
    } finally {
      await opened.cleanup();
    }
  });
});
