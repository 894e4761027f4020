import { describe, expect, it, type TestContext } from 'vitest';
import type { Decider } from '../../src/domain/shared/decider.js';
import { isConcurrencyError } from '../../src/domain/shared/errors.js';
import { handleCommand } from '../../src/eventstore/handleCommand.js';
import { verifyChain } from '../../src/eventstore/hashChain.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { counterDecider, events, increment, newEvent } from './eventStoreFixtures.js';

const refusedAsConflict = async (p: Promise<unknown>) => expect(isConcurrencyError(await p.catch((e: unknown) => e))).toBe(true);

/** A register whose `Assign` is a no-op when the value is already set (decides no event). */
type Assign = { type: 'Assign'; data: { value: number }; metadata: ReturnType<typeof increment>['metadata'] };
const register: Decider<number, Assign, { type: 'Assigned'; data: { value: number } }> = {
  initialState: () => 0,
  evolve: (_, e) => e.data.value,
  decide: (command, value) => (command.data.value === value ? [] : [{ type: 'Assigned', data: { value: command.data.value } }]),
};
const assign = (value: number): Assign => ({ type: 'Assign', data: { value }, metadata: increment(1).metadata });

/**
 * Stores that apply appends in call order (`appliesAppendsInCallOrder`) and honour
 * `AppendOptions.after`, which lets handleCommand pipeline commands on one stream; part
 * of `testEventStoreConcurrency`. The handleCommand cases hold for every store.
 */
export const testOrderedAppends = (getStore: () => EventStore): void => {
  const ordered = (ctx: TestContext): EventStore => {
    const store = getStore();
    if (!store.appliesAppendsInCallOrder) ctx.skip(`${store.kind} does not apply appends in call order`);
    return store;
  };

  describe('appends in call order', () => {
    it('refuses an append decided on one that conflicted, even where its own expected revision matches', async (ctx) => {
      const store = ordered(ctx);
      await store.appendToStream('o', events(1));
      const a = store.appendToStream('o', events(1), { expectedRevision: 5 });
      const b = store.appendToStream('o', events(1), { expectedRevision: 0, after: a });
      const c = store.appendToStream('o', events(1), { expectedRevision: 'any', after: b });
      await refusedAsConflict(a);
      await refusedAsConflict(b);
      await refusedAsConflict(c);
      expect(await store.readStream('o')).toHaveLength(1);
    });

    it('refuses an append decided on a replay, which stored nothing', async (ctx) => {
      const store = ordered(ctx);
      const first = events(1);
      await store.appendToStream('r', first);
      const again = store.appendToStream('r', first);
      const b = store.appendToStream('r', events(1), { expectedRevision: 'any', after: again });
      expect(await again).toEqual({ nextExpectedRevision: 0, position: 1 });
      await refusedAsConflict(b);
      expect(await store.readStream('r')).toHaveLength(1);
    });

    it('stores appends that depend on each other in call order, among others, with one chain', async (ctx) => {
      const store = ordered(ctx);
      const a = store.appendToStream('p', events(1), { expectedRevision: 'no_stream' });
      const other = store.appendToStream('q', events(2));
      const b = store.appendToStream('p', events(2), { expectedRevision: 0, after: a });
      const c = store.appendToStream('p', events(1), { expectedRevision: 2, after: b });
      expect(await Promise.all([a, other, b, c])).toEqual([
        { nextExpectedRevision: 0, position: 1 },
        { nextExpectedRevision: 1, position: 3 },
        { nextExpectedRevision: 2, position: 5 },
        { nextExpectedRevision: 3, position: 6 },
      ]);
      const all = await store.readAll();
      expect(all.map((e) => e.streamId)).toEqual(['p', 'q', 'q', 'p', 'p', 'p']);
      expect(verifyChain(all).ok).toBe(true);
    });
  });

  describe('handleCommand bursts on one stream', () => {
    it('decides again, in order, every command that was decided on an append another writer beat', async () => {
      const store = getStore();
      const calls = { decide: 0 };
      const decider = counterDecider(calls);
      const commands = [1, 2, 3].map((by) => handleCommand(store, decider, 'h', increment(by)));
      // Queued before the first command's append: that one now conflicts, and so would the
      // two decided on its state, whose expected revisions the outside event happens to fill.
      const outside = store.appendToStream('h', [newEvent('Incremented', { by: 100, total: 100 })]);
      const results = await Promise.all(commands);
      await outside;
      const totals = (await store.readStream('h')).map((e) => (e.data as { total: number }).total);
      expect(totals).toEqual([100, 101, 103, 106]);
      expect(results.map((r) => r.newState)).toEqual([101, 103, 106]);
    });

    it('queues commands of two deciders on one stream without conflicts between them', async () => {
      const store = getStore();
      const calls = { decide: 0 };
      const one = counterDecider(calls);
      // Same rules, another fold: its state is not shared with the first decider's.
      const other = { ...one, evolve: (total: number, e: { data: { by: number } }) => total + e.data.by };
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => handleCommand(store, i % 2 ? other : one, 'mixed', increment(1))));
      expect(calls.decide).toBe(10);
      expect(results.map((r) => r.newState)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    });

    it('answers a command that changes nothing only once the append it was decided on is stored', async () => {
      const store = getStore();
      const settled: string[] = [];
      const first = handleCommand(store, register, 'reg', assign(5)).then((r) => (settled.push('first'), r));
      const second = handleCommand(store, register, 'reg', assign(5)).then((r) => (settled.push('second'), r));
      const [a, b] = await Promise.all([first, second]);
      expect(settled).toEqual(['first', 'second']);
      expect(a.newEvents).toHaveLength(1);
      expect(b.newEvents).toEqual([]);
      expect(b.newState).toBe(5);
    });

    it('decides a no-op again on fresh state when the append it was decided on failed', async () => {
      const store = getStore();
      const first = handleCommand(store, register, 'reg-2', assign(5));
      const second = handleCommand(store, register, 'reg-2', assign(5));
      // Beats the first command's append: it conflicts and is decided again (7 → 5).
      const outside = store.appendToStream('reg-2', [newEvent('Assigned', { value: 7 })]);
      const [a, b] = await Promise.all([first, second]);
      await outside;
      expect((await store.readStream('reg-2')).map((e) => (e.data as { value: number }).value)).toEqual([7, 5]);
      expect(a.newState).toBe(5);
      expect(b.newEvents).toEqual([]);
      expect(b.newState).toBe(5);
      expect(b.nextExpectedRevision).toBe(1);
    });
  });
};
