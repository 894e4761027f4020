import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, ErrorCode } from '../../src/errors/index.js';
import { handleCommand } from '../../src/eventstore/handleCommand.js';
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

  it('gives up after maxRetries and rethrows the ConcurrencyError', async () => {
    const calls = { decide: 0 };
    const store = withRacingWriter(new MemoryEventStore(), 100);
    const err = await handleCommand(store, counterDecider(calls), 'c', increment(1), { maxRetries: 3, baseDelayMs: 1 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConcurrencyError);
    expect(calls.decide).toBe(4);
    expect((await store.readStream('c')).every((e) => (e.data as { by: number }).by === 100)).toBe(true);
  });

  it('defaults to 5 retries', async () => {
    const calls = { decide: 0 };
    const store = withRacingWriter(new MemoryEventStore(), 100);
    await expect(handleCommand(store, counterDecider(calls), 'c', increment(1), { baseDelayMs: 0 })).rejects.toThrow(
      ConcurrencyError,
    );
    expect(calls.decide).toBe(6);
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
