import type { EventStore, EventSubscription, RecordedEvent } from '../eventstore/port.js';
import type { Logger } from 'pino';
import type { SubscriptionFeed, SubscriptionService } from './subscriptions/subscriptionService.js';

/** How one subscription feed follows the event store: which topic an event belongs to, and its payload. */
export interface LiveEventRoute<P = unknown> {
  readonly feed: SubscriptionFeed;
  /** The topic (e.g. `mailbox:5`) of an event this feed carries, or null. */
  readonly topicOf: (event: RecordedEvent) => string | null;
  /** The subscription payload, built once per event however many subscribe. */
  readonly build: (event: RecordedEvent) => P | Promise<P>;
}

/** Turns a route of a concrete payload into one the feed can hold among others. */
export const liveEventRoute = <P>(route: LiveEventRoute<P>): LiveEventRoute => route as LiveEventRoute;

/** Longest wait for the read models before delivering anyway (a stuck projection must not stop the feed). */
const SETTLE_TIMEOUT_MS = 5_000;

export interface LiveEventFeedOptions {
  readonly store: EventStore;
  readonly subscriptions: SubscriptionService;
  readonly routes: readonly LiveEventRoute[];
  /**
   * Resolves once the read models include `position` (the projection runner's
   * `waitForPosition`). Delivery waits for it: the mutation that appended the event answers
   * at that moment too, so the fan-out runs after the writer's answer, never in its path,
   * and a subscriber that queries on a delivery reads what it was told about.
   */
  readonly settled?: (position: number, timeoutMs: number) => Promise<void>;
  readonly logger: Logger;
}

/**
 * One live subscription to the event store for every GraphQL subscription of this process.
 * Starts at the store's head: GraphQL subscriptions are live feeds, history is read with
 * queries. Each event is routed to its topics and published to their fan-outs in order.
 */
export class LiveEventFeed {
  private subscription: EventSubscription | null = null;
  private pump: Promise<void> | null = null;

  constructor(private readonly options: LiveEventFeedOptions) {}

  async start(): Promise<void> {
    const { store, subscriptions, routes, settled, logger } = this.options;
    const head = await store.headPosition();
    const subscription = store.subscribe({ fromPosition: head + 1 });
    this.subscription = subscription;
    this.pump = (async () => {
      try {
        for await (const event of subscription) {
          const targets = routes.flatMap((route) => {
            const topic = route.topicOf(event);
            return topic !== null && subscriptions.fanout(route.feed).hasSubscribers(topic) ? [{ route, topic }] : [];
          });
          if (targets.length === 0) continue;
          await settled?.(event.position, SETTLE_TIMEOUT_MS).catch(() => undefined);
          // The writer's answer is released by the same settlement; let it reach the socket
          // before building (a history replay reads the store, synchronously on SQLite).
          await new Promise<void>((resolve) => setImmediate(resolve));
          for (const { route, topic } of targets) {
            try {
              await subscriptions.fanout(route.feed).publish(topic, () => route.build(event));
            } catch (err) {
              logger.error({ err, position: event.position, feed: route.feed }, 'subscription payload could not be built; event skipped for this feed');
            }
          }
        }
      } catch (err) {
        logger.error({ err }, 'live event feed failed');
        subscriptions.close();
      }
    })();
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.pump;
  }
}
