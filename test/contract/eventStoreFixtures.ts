import { randomUUID } from 'node:crypto';
import { validationError } from '../../src/domain/shared/errors.js';
import type { Command, Decider } from '../../src/domain/shared/decider.js';
import type { EventMetadata, EventStore, EventSubscription, NewEvent, RecordedEvent } from '../../src/eventstore/port.js';

export interface StoreUnderTest {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreUnderTest>;

export const metadata = (extra: Partial<EventMetadata> = {}): EventMetadata => ({
  actorId: 'user-1',
  correlationId: randomUUID(),
  ...extra,
});

export const newEvent = (type = 'Tested', data: unknown = { n: 1 }, meta: EventMetadata = metadata()): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: meta,
});

export const events = (count: number, type = 'Tested'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { i }));

/**
 * Reads a subscription in the background into a queue, so a test never misses an
 * event, and lets it wait for a count with a deadline.
 */
export const collect = (subscription: EventSubscription) => {
  const received: RecordedEvent[] = [];
  const signal: { wake: (() => void) | null } = { wake: null };
  let failure: unknown = null;
  const done = (async () => {
    try {
      for await (const e of subscription) {
        received.push(e);
        signal.wake?.();
      }
    } catch (err) {
      failure = err;
    }
    signal.wake?.();
  })();
  return {
    received,
    /** Iteration has ended (after `close()`). */
    done,
    async waitFor(count: number, timeoutMs = 10_000): Promise<RecordedEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (failure) throw failure;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`Expected ${count} events within ${timeoutMs} ms, got ${received.length}`);
        await new Promise<void>((resolve) => {
          signal.wake = resolve;
          setTimeout(resolve, Math.min(left, 50));
        });
      }
      return received.slice(0, count);
    },
  };
};

/**
 * A store whose first `parties` readStream calls all return before any of them may
 * proceed, so concurrent commands are guaranteed to decide on the same state and conflict.
 * Reads and appends still go to the real store.
 */
export const withReadBarrier = (store: EventStore, parties: number): EventStore => instancesWithReadBarrier(store, parties, 1)[0]!;

/**
 * `count` handles on one store, as separate server instances would hold (each has its own
 * command queue and decided-state cache), sharing one read barrier.
 */
export const instancesWithReadBarrier = (store: EventStore, parties: number, count: number): EventStore[] => {
  let remaining = parties;
  const waiting: (() => void)[] = [];
  return Array.from({ length: count }, () => new Proxy(store, {
    get(target, prop) {
      if (prop === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          const result = await target.readStream(...args);
          if (remaining > 0) {
            remaining -= 1;
            await new Promise<void>((resolve) => {
              waiting.push(resolve);
              if (remaining === 0) for (const release of waiting) release();
            });
          }
          return result;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }));
};

/** Toy aggregate: a counter whose events record the running total, so a stale decision is visible. */
export type CounterCommand = Command<'Increment', { by: number }>;
export type CounterEvent = { type: 'Incremented'; data: { by: number; total: number } };

export const counterDecider = (calls: { decide: number }): Decider<number, CounterCommand, CounterEvent> => ({
  initialState: () => 0,
  evolve: (total, e) => total + e.data.by,
  decide: (command, total) => {
    calls.decide += 1;
    if (command.data.by <= 0) throw validationError(['by'], `Expected a positive increment, got ${command.data.by}`);
    return { type: 'Incremented', data: { by: command.data.by, total: total + command.data.by } };
  },
});

export const increment = (by: number, commandId?: string): CounterCommand => ({
  type: 'Increment',
  data: { by },
  metadata: { now: new Date(), actorId: 'user-1', correlationId: randomUUID(), ...(commandId ? { commandId } : {}) },
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
