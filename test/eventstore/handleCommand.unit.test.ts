import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, ErrorCode } from '../../src/domain/shared/errors.js';
import { CHANGED_CONCURRENTLY, handleCommand } from '../../src/eventstore/handleCommand.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { counterDecider, increment, newEvent } from '../contract/eventStoreFixtures.js';

/**
 * A real store with a competing writer: before each of the first `races` appends to the
 * stream, another event lands in it, so the command's expected revision is stale.
 */
const withRacingWriter = (store: EventStore, races: number): EventStore =>
  new Proxy(store, {
    get(target, prop) {
      if (prop === 'appendToStream') {
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          if (races > 0) {
            races -= 1;
            await target.appendToStream(args[0], [newEvent('Incremented', { by: 100, total: 100 })]);
          }
          return target.appendToStream(...args);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

describe('handleCommand retries', () => {
  it('retries a concurrency conflict and decides again on fresh state', async () => {
    const calls = { decide: 0 };
    const store = withRacingWriter(new MemoryEventStore(), 2);
    const result = await handleCommand(store, counterDecider(calls), 'c', increment(1), { baseDelayMs: 1 });
    expect(calls.decide).toBe(3);
    expect(result.newState).toBe(201);
    expect(result.nextExpectedRevision).toBe(2);
  });

  it('gives up after maxRetries with a CONCURRENCY error that names no stream or revision', async () => {
    const calls = { decide: 0 };
    const store = withRacingWriter(new MemoryEventStore(), 100);
    const err = await handleCommand(store, counterDecider(calls), 'c', increment(1), { maxRetries: 3, baseDelayMs: 1 }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: ErrorCode.CONCURRENCY, message: CHANGED_CONCURRENTLY });
    expect((err as Error).cause).toBeInstanceOf(ConcurrencyError);
    expect((err as Error).message).not.toMatch(/revision|"c"/);
    expect(calls.decide).toBe(4);
    expect((await store.readStream('c')).every((e) => (e.data as { by: number }).by === 100)).toBe(true);
  });

  it('defaults to 10 retries', async () => {
    const calls = { decide: 0 };
    const store = withRacingWriter(new MemoryEventStore(), 100);
    await expect(handleCommand(store, counterDecider(calls), 'c', increment(1), { baseDelayMs: 0 })).rejects.toMatchObject({
      code: ErrorCode.CONCURRENCY,
    });
    expect(calls.decide).toBe(11);
  });

  it('never retries a refusal by the decider', async () => {
    const calls = { decide: 0 };
    const store = withRacingWriter(new MemoryEventStore(), 1);
    const err = await handleCommand(store, counterDecider(calls), 'c', increment(-1)).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe(ErrorCode.VALIDATION);
    expect(calls.decide).toBe(1);
  });

  it('never retries a non-concurrency error from the store', async () => {
    const calls = { decide: 0 };
    const store = new MemoryEventStore();
    const decider = { ...counterDecider(calls), decide: () => (calls.decide++, { type: '', data: { by: 1, total: 1 } }) };
    const err = await handleCommand(store, decider as never, 'c', increment(1)).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe(ErrorCode.VALIDATION);
    expect(calls.decide).toBe(1);
  });

  it('appends once when the same command id is handled twice', async () => {
    const store = new MemoryEventStore();
    const calls = { decide: 0 };
    const commandId = randomUUID();
    const first = await handleCommand(store, counterDecider(calls), 'c', increment(2, commandId));
    const again = await handleCommand(store, counterDecider(calls), 'c', increment(2, commandId));
    expect(again.position).toBe(first.position);
    expect(await store.readStream('c')).toHaveLength(1);
  });
});

/** Counts the events each `readStream` returns, so a test sees how much of a stream a command read. */
const countingReads = (store: EventStore) => {
  const reads: number[] = [];
  const counted = new Proxy(store, {
    get(target, prop) {
      if (prop === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          const events = await target.readStream(...args);
          reads.push(events.length);
          return events;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: counted, reads };
};

describe('handleCommand decided state', () => {
  it('decides on its kept state without reading, and still sees appends made past it', async () => {
    const { store, reads } = countingReads(new MemoryEventStore());
    const decider = counterDecider({ decide: 0 });
    for (let i = 0; i < 50; i++) await handleCommand(store, decider, 'c', increment(1));
    // The first command read the empty stream; every later one decided on the kept state.
    expect(reads).toEqual([0]);

    // Another writer (another instance) appends behind the cache's back.
    await store.appendToStream('c', [newEvent('Incremented', { by: 100, total: 150 })]);
    reads.length = 0;
    const result = await handleCommand(store, decider, 'c', increment(1));
    expect(reads).toEqual([1]);
    expect(result.newState).toBe(151);
    expect(result.nextExpectedRevision).toBe(51);
  });

  it('decides again on the stream, not the cache, after a conflict', async () => {
    const calls = { decide: 0 };
    const decider = counterDecider(calls);
    const inner = new MemoryEventStore();
    await handleCommand(inner, decider, 'c', increment(1));
    const racing = withRacingWriter(inner, 1);
    const result = await handleCommand(racing, decider, 'c', increment(1));
    expect(result.newState).toBe(102);
    expect((await inner.readStream('c')).map((e) => (e.data as { by: number }).by)).toEqual([1, 100, 1]);
  });

  it('does not fold a replayed command into the cached state', async () => {
    const store = new MemoryEventStore();
    const decider = counterDecider({ decide: 0 });
    const commandId = randomUUID();
    await handleCommand(store, decider, 'c', increment(2, commandId));
    await handleCommand(store, decider, 'c', increment(2, commandId));
    const next = await handleCommand(store, decider, 'c', increment(1));
    expect(next.newState).toBe(3);
  });

  it('queues a burst of 50 concurrent commands on one stream: every one lands, in order, without a conflict', async () => {
    const calls = { decide: 0 };
    const store = new MemoryEventStore();
    const decider = counterDecider(calls);
    const results = await Promise.all(Array.from({ length: 50 }, () => handleCommand(store, decider, 'c', increment(1))));
    expect(results.map((r) => r.newState)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(calls.decide).toBe(50);
    expect(await store.readStream('c')).toHaveLength(50);
  });

  it('keeps queueing after a refused command', async () => {
    const store = new MemoryEventStore();
    const decider = counterDecider({ decide: 0 });
    const outcomes = await Promise.allSettled([1, -1, 1].map((by) => handleCommand(store, decider, 'c', increment(by))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.readStream('c')).toHaveLength(2);
  });
});

/** A name that a rename sets (nothing when already so) and that a lock freezes: both decisions depend on state. */
type NameEvent = { type: 'Renamed'; data: { name: string } } | { type: 'Locked'; data: Record<string, never> } | { type: 'Unlocked'; data: Record<string, never> };
type NameCommand = { type: 'Rename'; data: { name: string }; metadata: ReturnType<typeof increment>['metadata'] };
const nameDecider = {
  initialState: () => ({ name: '', locked: false }),
  evolve: (s: { name: string; locked: boolean }, e: NameEvent) =>
    e.type === 'Renamed' ? { ...s, name: e.data.name } : { ...s, locked: e.type === 'Locked' },
  decide: (c: NameCommand, s: { name: string; locked: boolean }): NameEvent[] => {
    if (s.locked) throw Object.assign(new Error('locked'), { code: ErrorCode.VALIDATION });
    return s.name === c.data.name ? [] : [{ type: 'Renamed', data: { name: c.data.name } }];
  },
};
const rename = (name: string): NameCommand => ({ type: 'Rename', data: { name }, metadata: increment(1).metadata });

describe('handleCommand on kept state', () => {
  it('checks "already so" against the store: a change made past the kept state is not taken for a no-op', async () => {
    const store = new MemoryEventStore();
    await handleCommand(store, nameDecider, 'n', rename('A'));
    // Another instance renames behind this process's kept state.
    await store.appendToStream('n', [newEvent('Renamed', { name: 'B' })]);
    const result = await handleCommand(store, nameDecider, 'n', rename('A'));
    expect(result.newEvents).toHaveLength(1);
    expect((await store.readStream('n')).map((e) => (e.data as { name: string }).name)).toEqual(['A', 'B', 'A']);
  });

  it('checks a refusal against the store: a lock lifted past the kept state does not refuse', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream('n', [newEvent('Locked', {})]);
    await expect(handleCommand(store, nameDecider, 'n', rename('A'))).rejects.toThrow('locked');
    await store.appendToStream('n', [newEvent('Unlocked', {})]);
    const result = await handleCommand(store, nameDecider, 'n', rename('A'));
    expect(result.newState).toEqual({ name: 'A', locked: false });
  });

  it('a stale kept state costs one refused append and a read of only the events past it', async () => {
    const { store, reads } = countingReads(new MemoryEventStore());
    const calls = { decide: 0 };
    const decider = counterDecider(calls);
    for (let i = 0; i < 5; i++) await handleCommand(store, decider, 'c', increment(1));
    await store.appendToStream('c', [newEvent('Incremented', { by: 100, total: 105 })]);
    reads.length = 0;
    calls.decide = 0;
    const result = await handleCommand(store, decider, 'c', increment(1));
    expect(result.newState).toBe(106);
    expect(reads).toEqual([1]);
    expect(calls.decide).toBe(2);
  });
});
