import type { FetchStatusSnapshot } from '../fetchStatus.js';

/** Where AccountFetch announces a status change: the local feed, or the relay in front of it. */
export interface FetchStatusPublisher {
  publish(status: FetchStatusSnapshot): void | Promise<void>;
}

interface Listener {
  readonly filter: (status: FetchStatusSnapshot) => boolean;
  readonly push: (status: FetchStatusSnapshot) => void;
  readonly end: () => void;
}

/**
 * In-process fan-out of fetch status changes (a run started, a run finished) to GraphQL
 * subscribers. Run state is operational, not an event, so it cannot ride the event-store
 * feed; each message carries the full snapshot taken when the change happened, so a
 * subscriber sees FETCHING → OK in order even when the two are milliseconds apart.
 * Runs of other server instances on the same PostgreSQL arrive through
 * PostgresFetchStatusRelay (fetchStatusRelay.ts), which feeds them in here.
 */
export class FetchStatusFeed {
  private readonly listeners = new Set<Listener>();

  publish(status: FetchStatusSnapshot): void {
    for (const l of this.listeners) if (l.filter(status)) l.push(status);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /**
   * A subscriber that falls `maxBuffered` messages behind loses the oldest ones: a status
   * feed is about the present, and an unbounded buffer would let one slow dashboard grow
   * the server's memory. @default maxBuffered 100
   */
  listen(options: { filter: (status: FetchStatusSnapshot) => boolean; maxBuffered?: number }): AsyncIterableIterator<FetchStatusSnapshot> {
    const maxBuffered = options.maxBuffered ?? 100;
    const buffer: FetchStatusSnapshot[] = [];
    let waiting: ((r: IteratorResult<FetchStatusSnapshot>) => void) | null = null;
    let ended = false;
    const listener: Listener = {
      filter: options.filter,
      push: (status) => {
        if (waiting) {
          const w = waiting;
          waiting = null;
          w({ value: status, done: false });
          return;
        }
        buffer.push(status);
        if (buffer.length > maxBuffered) buffer.shift();
      },
      end: () => {
        if (ended) return;
        ended = true;
        this.listeners.delete(listener);
        waiting?.({ value: undefined, done: true });
        waiting = null;
      },
    };
    this.listeners.add(listener);
    const iterator: AsyncIterableIterator<FetchStatusSnapshot> = {
      next: () => {
        if (buffer.length > 0) return Promise.resolve({ value: buffer.shift()!, done: false });
        if (ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return: () => {
        listener.end();
        buffer.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Ends every subscription (server shutdown). */
  close(): void {
    for (const l of this.listeners) l.end();
  }
}
