import type { EventSubscription, ReadAllOptions, RecordedEvent, SubscribeOptions } from './port.js';

/**
 * Wakes subscribers when something was appended. Adapters call `notify()` after a commit
 * (and the PostgreSQL adapter on LISTEN/NOTIFY from other processes).
 */
export class AppendNotifier {
  private waiters = new Set<() => void>();
  /** Bumped by every `notify()`: a read started before it may miss what it announced. */
  generation = 0;

  notify(): void {
    this.generation += 1;
    const ws = this.waiters;
    this.waiters = new Set();
    for (const w of ws) w();
  }

  /** Resolves on the next `notify()` or after `timeoutMs`, whichever comes first. */
  wait(timeoutMs: number): { promise: Promise<void>; cancel: () => void } {
    let done!: () => void;
    const promise = new Promise<void>((resolve) => {
      done = resolve;
    });
    const timer = setTimeout(() => finish(), timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      this.waiters.delete(finish);
      done();
    };
    this.waiters.add(finish);
    return { promise, cancel: finish };
  }
}

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  readonly notifier: AppendNotifier;
}

export interface CatchUpOptions extends SubscribeOptions {
  /** Events read per batch. @default 500 */
  readonly batchSize?: number;
  /**
   * Re-read even without a notification after this long, as a safety net for lost
   * notifications. @default 1000
   */
  readonly pollIntervalMs?: number;
}

/**
 * Catch-up then live, on top of `readAll`: read batches from the position until empty,
 * then wait for an append notification and read again. Because adapters only expose
 * committed events in position order with no gaps, reading by position never skips or
 * repeats an event.
 */
export const catchUpSubscription = (source: CatchUpSource, options: CatchUpOptions = {}): EventSubscription => {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const types = options.eventTypes ? new Set(options.eventTypes) : null;
  let next = options.fromPosition ?? 1;
  let closed = false;
  let cancelWait: (() => void) | null = null;

  async function* iterate(): AsyncGenerator<RecordedEvent> {
    while (!closed) {
      // Register the waiter before reading, so an append that lands during the read
      // still wakes us.
      const waiter = source.notifier.wait(pollIntervalMs);
      cancelWait = waiter.cancel;
      const batch = await source.readAll({ fromPosition: next, max: batchSize });
      for (const e of batch) {
        if (closed) break;
        next = e.position + 1;
        if (types && !types.has(e.type)) continue;
        yield e;
      }
      if (batch.length === batchSize) {
        waiter.cancel();
        continue;
      }
      await waiter.promise;
    }
  }

  const iterator = iterate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      cancelWait?.();
      await iterator.return(undefined);
    },
  };
};

/**
 * `readAll` for the subscriptions of one store, where the same page is shared: after an
 * append every live subscription (projections, fan-out, notices, …) wakes at the same
 * head and asks for the same page, which would otherwise be read and decoded once per
 * subscription (a round trip each on PostgreSQL). A read is joined only while it is in
 * flight or in the event-loop turn it completed in, and only if no `notify()` came since
 * it started: a subscriber joining it registered its waiter before asking, so whatever
 * was committed after the shared read began still wakes it. Appends by other processes
 * that send no notification (SQLite) are seen by a poll, at worst one interval later when
 * a poll joins a read of the turn before.
 * Subscribers only read the events (RecordedEvents are never modified).
 */
export const sharedReads = (readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>, notifier: AppendNotifier) => {
  const shared = new Map<string, { generation: number; result: Promise<RecordedEvent[]> }>();
  return (options: ReadAllOptions): Promise<RecordedEvent[]> => {
    const key = `${options.fromPosition ?? 1}:${options.max ?? 1000}`;
    const found = shared.get(key);
    if (found && found.generation === notifier.generation) return found.result;
    const entry = { generation: notifier.generation, result: readAll(options) };
    shared.set(key, entry);
    const drop = () => {
      if (shared.get(key) === entry) shared.delete(key);
    };
    entry.result.then(() => setImmediate(drop), drop);
    return entry.result;
  };
};

/**
 * Wraps a subscription so the adapter can close every open one on `close()`: the
 * subscription removes itself from `registry` when closed.
 */
export const trackSubscription = (registry: Set<EventSubscription>, inner: EventSubscription): EventSubscription => {
  const subscription: EventSubscription = {
    [Symbol.asyncIterator]: () => inner[Symbol.asyncIterator](),
    close: async () => {
      registry.delete(subscription);
      await inner.close();
    },
  };
  registry.add(subscription);
  return subscription;
};
