import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, isConcurrencyError } from '../../src/domain/shared/errors.js';
import { handleCommand } from '../../src/eventstore/handleCommand.js';
import { verifyChain } from '../../src/eventstore/hashChain.js';
import type { EventStore, EventSubscription, SubscribeOptions } from '../../src/eventstore/port.js';
import {
  collect,
  counterDecider,
  events,
  increment,
  newEvent,
  sleep,
  instancesWithReadBarrier,
} from './eventStoreFixtures.js';
import { testOrderedAppends } from './eventStoreOrdering.contract.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Subscriptions, concurrent appenders and command handling; part of `testEventStore`. */
export const testEventStoreConcurrency = (getStore: () => EventStore): void => {
  describe('subscriptions', () => {
    const opened: EventSubscription[] = [];
    const subscribe = (options?: SubscribeOptions) => {
      const subscription = getStore().subscribe(options);
      opened.push(subscription);
      return subscription;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('catches up, then goes live without gap or duplicate while appends continue', async () => {
      const store = getStore();
      for (let i = 0; i < 10; i++) await store.appendToStream(`s-${i % 3}`, events(3));
      const total = 30 + 60;
      const writer = (async () => {
        for (let i = 0; i < 30; i++) {
          await store.appendToStream(`w-${i % 4}`, events(2));
          if (i % 5 === 0) await sleep(5);
        }
      })();
      const sub = collect(subscribe());
      const [received] = await Promise.all([sub.waitFor(total), writer]);
      expect(received.map((e) => e.position)).toEqual(range(1, total));
      expect(verifyChain(received).ok).toBe(true);
      await sleep(50);
      expect(sub.received).toHaveLength(total);
      await store.appendToStream('late', events(1));
      expect((await sub.waitFor(total + 1)).at(-1)!.streamId).toBe('late');
    });

    it('starts at fromPosition and filters by event type', async () => {
      const store = getStore();
      for (let i = 0; i < 6; i++) await store.appendToStream('s', [newEvent(i % 2 ? 'Odd' : 'Even', { i })]);
      const fromFour = collect(subscribe({ fromPosition: 4 }));
      const odd = collect(subscribe({ eventTypes: ['Odd'] }));
      expect((await fromFour.waitFor(3)).map((e) => e.position)).toEqual([4, 5, 6]);
      expect((await odd.waitFor(3)).map((e) => e.position)).toEqual([2, 4, 6]);
      await store.appendToStream('s', [newEvent('Even'), newEvent('Odd')]);
      expect((await odd.waitFor(4)).map((e) => e.type)).toEqual(['Odd', 'Odd', 'Odd', 'Odd']);
      expect(odd.received.at(-1)!.position).toBe(8);
    });

    it('ends the iteration on close(), also while waiting for events', async () => {
      const store = getStore();
      await store.appendToStream('s', events(2));
      const subscription = subscribe();
      const sub = collect(subscription);
      await sub.waitFor(2);
      const started = Date.now();
      await subscription.close();
      await sub.done;
      expect(Date.now() - started).toBeLessThan(900);
      await store.appendToStream('s', events(1));
      await sleep(50);
      expect(sub.received).toHaveLength(2);
    });
  });

  describe('concurrent appenders', () => {
    it('lets 50 appenders race on one stream: each lands or conflicts, no holes', async () => {
      const store = getStore();
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          // Staggered reads and appends, so that many appenders act on a revision that
          // is stale by the time they append (also in adapters whose calls are synchronous).
          await sleep(i % 5);
          const read = await store.readStream('contested');
          const revision = read.at(-1)?.revision ?? -1;
          await sleep((i * 3) % 7);
          try {
            await store.appendToStream('contested', [newEvent('Raced', { i }), newEvent('Raced', { i })], {
              expectedRevision: revision === -1 ? 'no_stream' : revision,
            });
            return { landed: true, read: revision };
          } catch (err) {
            if (isConcurrencyError(err)) return { landed: false, read: revision };
            throw err;
          }
        }),
      );
      const landedReads = outcomes.filter((o) => o.landed).map((o) => o.read);
      const landed = landedReads.length;
      expect(landed).toBeGreaterThanOrEqual(1);
      // Each landed append extended exactly the revision it had read: no two landed on the same read.
      expect(landedReads.sort((a, b) => a - b)).toEqual(range(0, landed - 1).map((k) => 2 * k - 1));
      const stream = await store.readStream('contested');
      expect(stream).toHaveLength(landed * 2);
      expect(stream.map((e) => e.revision)).toEqual(range(0, landed * 2 - 1));
      // The two events of one append stay adjacent.
      for (let r = 0; r < stream.length; r += 2) expect(stream[r]!.data).toEqual(stream[r + 1]!.data);
      const all = await store.readAll({ max: 10_000 });
      expect(all.map((e) => e.position)).toEqual(range(1, landed * 2));
      expect(verifyChain(all, undefined, 1).ok).toBe(true);
    });

    it("lands every concurrent 'any' append to one stream, each on the latest revision", async () => {
      const store = getStore();
      await Promise.all(Array.from({ length: 30 }, () => store.appendToStream('shared', events(2))));
      const stream = await store.readStream('shared');
      expect(stream.map((e) => e.revision)).toEqual(range(0, 59));
      expect(verifyChain(await store.readAll({ max: 10_000 }), undefined, 1).ok).toBe(true);
    });

    it('keeps one chain when appends to different streams run concurrently', async () => {
      const store = getStore();
      await Promise.all(Array.from({ length: 40 }, (_, i) => store.appendToStream(`p-${i}`, events(1 + (i % 3)))));
      const all = await store.readAll({ max: 10_000 });
      expect(all.map((e) => e.position)).toEqual(range(1, all.length));
      expect(all.length).toBe(Array.from({ length: 40 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b));
      expect(verifyChain(all, undefined, 1).ok).toBe(true);
    });
  });

  describe('handleCommand over the adapter', () => {
    it('retries conflicting concurrent commands of two instances so both succeed on fresh state', async () => {
      const calls = { decide: 0 };
      const store = getStore();
      const [a, b] = instancesWithReadBarrier(store, 2, 2);
      const decider = counterDecider(calls);
      const results = await Promise.all([
        handleCommand(a!, decider, 'counter-1', increment(2), { baseDelayMs: 1 }),
        handleCommand(b!, decider, 'counter-1', increment(3), { baseDelayMs: 1 }),
      ]);
      expect(calls.decide).toBe(3);
      const stream = await store.readStream('counter-1');
      const totals = stream.map((e) => (e.data as { total: number }).total);
      expect(totals[1]).toBe(5);
      expect([2, 3]).toContain(totals[0]);
      expect(results.map((r) => r.newState).sort((a, b) => a - b)).toEqual(totals);
      expect(stream.map((e) => e.revision)).toEqual([0, 1]);
    });

    it('queues a burst of 50 commands on one stream in one instance: all land, none conflicts', async () => {
      const calls = { decide: 0 };
      const store = getStore();
      const decider = counterDecider(calls);
      const results = await Promise.all(Array.from({ length: 50 }, () => handleCommand(store, decider, 'counter-burst', increment(1))));
      expect(calls.decide).toBe(50);
      expect(results.map((r) => r.newState).sort((x, y) => x - y)).toEqual(range(1, 50));
      expect((await store.readStream('counter-burst')).map((e) => (e.data as { total: number }).total)).toEqual(range(1, 50));
    });

    it('a burst of 50 split over two instances still lands whole, with the retries', async () => {
      const store = getStore();
      const instances = instancesWithReadBarrier(store, 0, 2);
      const decider = counterDecider({ decide: 0 });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => handleCommand(instances[i % 2]!, decider, 'counter-split', increment(1))),
      );
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      expect(await store.readStream('counter-split')).toHaveLength(50);
    });

    it('does not retry a validation error', async () => {
      const calls = { decide: 0 };
      const store = getStore();
      const err = await handleCommand(store, counterDecider(calls), 'counter-2', increment(0)).catch((e: unknown) => e);
      expect((err as { code?: string }).code).toBe(ErrorCode.VALIDATION);
      expect(calls.decide).toBe(1);
      expect(await store.readStream('counter-2')).toEqual([]);
    });
  });

  testOrderedAppends(getStore);
};
