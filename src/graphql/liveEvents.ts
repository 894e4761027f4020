import type { EventStore, EventSubscription, RecordedEvent } from '../eventstore/port.js';
import type { Logger } from '../server/logger.js';

export interface LiveListenerOptions {
  /** Keeps only the events this subscriber may see and cares about. */
  readonly filter: (event: RecordedEvent) => boolean;
  /**
   * Events buffered for a slow subscriber before it is cut off; a dashboard that
   * cannot keep up must not make the server buffer without bound. @default 1000
   */
  readonly maxBuffered?: number;
}

interface Listener {
  readonly filter: (event: RecordedEvent) => boolean;
  readonly push: (event: RecordedEvent) => void;
  readonly end: (error?: Error) => void;
}

/**
 * One live subscription to the event store, fanned out to every GraphQL subscriber of
 * this process. Starts at the store's head: GraphQL subscriptions are live feeds, history
 * is read with queries.
 */
export class LiveEventFeed {
  private readonly listeners = new Set<Listener>();
  private subscription: EventSubscription | null = null;
  private pump: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const head = await this.store.headPosition();
    const subscription = this.store.subscribe({ fromPosition: head + 1 });
    this.subscription = subscription;
    this.pump = (async () => {
      try {
        for await (const event of subscription) {
          for (const l of this.listeners) {
            if (l.filter(event)) l.push(event);
          }
        }
      } catch (err) {
        this.logger.error({ err }, 'live event feed failed');
        for (const l of this.listeners) l.end(new Error('Live event feed stopped'));
      }
    })();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  listen(options: LiveListenerOptions): AsyncIterableIterator<RecordedEvent> {
    const maxBuffered = options.maxBuffered ?? 1000;
    const buffer: RecordedEvent[] = [];
    let waiting: ((r: IteratorResult<RecordedEvent>) => void) | null = null;
    let failWaiting: ((e: Error) => void) | null = null;
    let ended = false;
    let failure: Error | null = null;

    const listener: Listener = {
      filter: options.filter,
      push: (event) => {
        if (ended) return;
        if (waiting) {
          const w = waiting;
          waiting = failWaiting = null;
          w({ value: event, done: false });
        } else if (buffer.length >= maxBuffered) {
          listener.end(new Error(`Subscriber fell more than ${maxBuffered} events behind and was disconnected`));
        } else buffer.push(event);
      },
      end: (error) => {
        if (ended) return;
        ended = true;
        this.listeners.delete(listener);
        failure = error ?? null;
        if (waiting) {
          if (error) failWaiting!(error);
          else waiting({ value: undefined, done: true });
          waiting = failWaiting = null;
        }
      },
    };
    this.listeners.add(listener);

    const iterator: AsyncIterableIterator<RecordedEvent> = {
      next: () => {
        if (buffer.length > 0) return Promise.resolve({ value: buffer.shift()!, done: false });
        if (failure) return Promise.reject(failure);
        if (ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          waiting = resolve;
          failWaiting = reject;
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

  async stop(): Promise<void> {
    for (const l of this.listeners) l.end();
    await this.subscription?.close();
    await this.pump;
  }
}
