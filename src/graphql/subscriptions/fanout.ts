import { MailroomError } from '../../domain/shared/errors.js';

/**
 * Ends one subscription with a coded error instead of a payload (a lost right). The
 * resolver turns it into a GraphQL error via `deliveredPayload`, graphql-ws sends it as the
 * subscription's last `next`, then `complete`: the client knows why, and the connection's
 * other subscriptions go on.
 */
export class SubscriptionEnded {
  constructor(readonly error: MailroomError) {}
}

/** A subscription's root value: the shared payload, or why it ended. */
export type Delivery<P> = P | SubscriptionEnded;

/** The payload of a delivery; throws the coded error of an ended subscription. */
export const deliveredPayload = <P>(delivery: Delivery<P>): P => {
  if (delivery instanceof SubscriptionEnded) throw delivery.error;
  return delivery;
};

export interface SubscriberOptions {
  /** Deliveries queued for this subscriber before it counts as stalled. */
  readonly maxQueued: number;
  /** True when the subscriber's transport holds too much unsent data (e.g. `ws.bufferedAmount`). */
  readonly congested?: () => boolean;
  /** Called once when the subscriber fell behind; it is already detached from the topic. */
  readonly onStalled: (why: string) => void;
  /** Called once when the subscription ends for any reason (return, stall, close). */
  readonly onEnd?: () => void;
}

interface Subscriber<P> {
  push(delivery: Delivery<P>): void;
  end(): void;
}

/** One subscriber's feed; `finish` delivers why it ends (past any limit) and completes it. */
export interface FanoutSubscription<P> extends AsyncIterableIterator<Delivery<P>> {
  finish(ended: SubscriptionEnded): void;
}

/** One published payload and who gets it: a snapshot, so a late subscriber never gets an earlier event. */
interface Pending<P> {
  readonly delivery: Delivery<P>;
  readonly subscribers: readonly Subscriber<P>[];
  next: number;
}

export interface FanoutOptions {
  /**
   * Subscribers woken per turn of the event loop. Between turns other I/O runs (the
   * mutation's own answer above all), so 1,000 subscribers never hold the loop for one
   * whole event. @default 64
   */
  readonly sliceSize?: number;
}

/**
 * Topic-based fan-out for GraphQL subscriptions, generic over the payload. `publish`
 * builds the payload once per event and topic (and only when someone listens), then hands
 * the same object to every subscriber of the topic in slices of `sliceSize`, each slice in
 * its own `setImmediate`. A subscriber has its own bounded queue: one that falls behind is
 * detached and reported through `onStalled` (the caller closes its connection with a
 * code), and never slows the others, since nothing here waits for any subscriber.
 */
export class Fanout<P> {
  private readonly topics = new Map<string, Set<Subscriber<P>>>();
  private readonly pending: Pending<P>[] = [];
  private scheduled = false;
  private builds = 0;
  private readonly sliceSize: number;

  constructor(options: FanoutOptions = {}) {
    this.sliceSize = options.sliceSize ?? 64;
  }

  /** Payloads built so far (one per event and topic that had subscribers). */
  get payloadsBuilt(): number {
    return this.builds;
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.topics.values()) n += set.size;
    return n;
  }

  hasSubscribers(topic: string): boolean {
    return (this.topics.get(topic)?.size ?? 0) > 0;
  }

  /**
   * Builds the payload (once) when the topic has subscribers and queues its delivery.
   * Returns once the payload is built and queued, not delivered: callers that publish in
   * order and await this keep the order for every subscriber.
   */
  async publish(topic: string, build: () => P | Promise<P>): Promise<void> {
    if (!this.hasSubscribers(topic)) return;
    this.builds += 1;
    const payload = await build();
    this.enqueue(topic, payload);
  }

  /** Delivers an already built value (e.g. a SubscriptionEnded) to one topic's subscribers. */
  enqueue(topic: string, delivery: Delivery<P>): void {
    const set = this.topics.get(topic);
    if (!set || set.size === 0) return;
    this.pending.push({ delivery, subscribers: [...set], next: 0 });
    this.schedule();
  }

  listen(topic: string, options: SubscriberOptions): FanoutSubscription<P> {
    const queue: Delivery<P>[] = [];
    let waiting: ((r: IteratorResult<Delivery<P>>) => void) | null = null;
    let ended = false;
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    const topics = this.topics;

    let finishing = false;
    const subscriber: Subscriber<P> = {
      push: (delivery) => {
        if (ended || finishing) return;
        if (waiting) {
          const w = waiting;
          waiting = null;
          w({ value: delivery, done: false });
          return;
        }
        if (queue.length >= options.maxQueued || options.congested?.()) {
          const why = queue.length >= options.maxQueued ? `${queue.length} events queued` : 'its connection stopped reading';
          subscriber.end();
          options.onStalled(why);
          return;
        }
        queue.push(delivery);
      },
      end: () => {
        if (ended) return;
        ended = true;
        set.delete(subscriber);
        if (set.size === 0 && topics.get(topic) === set) topics.delete(topic);
        options.onEnd?.();
        waiting?.({ value: undefined, done: true });
        waiting = null;
      },
    };
    set.add(subscriber);

    const iterator: FanoutSubscription<P> = {
      finish: (reason) => {
        if (ended || finishing) return;
        if (waiting) {
          subscriber.push(reason);
        } else queue.push(reason);
        finishing = true;
      },
      next: () => {
        if (queue.length > 0) {
          const delivery = queue.shift()!;
          // An ended subscription delivers its reason, then completes.
          if (delivery instanceof SubscriptionEnded) subscriber.end();
          return Promise.resolve({ value: delivery, done: false });
        }
        if (ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = (r) => {
            if (!r.done && r.value instanceof SubscriptionEnded) queueMicrotask(() => subscriber.end());
            resolve(r);
          };
        });
      },
      return: () => {
        subscriber.end();
        queue.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Ends every subscription (server shutdown). */
  close(): void {
    for (const set of [...this.topics.values()]) for (const s of [...set]) s.end();
    this.pending.length = 0;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drainSlice());
  }

  private drainSlice(): void {
    this.scheduled = false;
    let budget = this.sliceSize;
    while (budget > 0 && this.pending.length > 0) {
      const head = this.pending[0]!;
      while (budget > 0 && head.next < head.subscribers.length) {
        head.subscribers[head.next++]!.push(head.delivery);
        budget -= 1;
      }
      if (head.next >= head.subscribers.length) this.pending.shift();
    }
    if (this.pending.length > 0) this.schedule();
  }
}
