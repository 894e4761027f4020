import type { EventStore, EventSubscription, RecordedEvent } from '../../eventstore/port.js';
import type { SubscriptionService } from './subscriptionService.js';

/**
 * Events after which a user's open subscriptions may no longer be allowed, and whose rights
 * they touch. Each names the user from the event's data; the watcher then re-checks that
 * user's subscriptions on this instance (credentials first, then each subscription's own
 * authorization). A new way to lose a right (a session or token ending, a new role rule)
 * plugs in by adding its event type here. `UserLocked` is handled by the access runtime,
 * which closes the user's connections outright.
 */
export const RIGHT_CHANGING_EVENTS: Readonly<Record<string, (data: Record<string, unknown>) => unknown>> = {
  UserDeactivated: (d) => d.userId,
  UserPasswordChanged: (d) => d.userId,
  UserPermissionRevoked: (d) => d.userId,
  ApiTokenRevoked: (d) => d.userId,
  MailboxMemberRemoved: (d) => d.userId,
  MailboxRoleRevoked: (d) => d.userId,
};

/** The user an event changes the rights of, or null. */
export const userWhoseRightsChanged = (event: RecordedEvent): string | null => {
  const of = RIGHT_CHANGING_EVENTS[event.type];
  const userId = of ? of((event.data ?? {}) as Record<string, unknown>) : null;
  return typeof userId === 'string' ? userId : null;
};

/** Cross-instance signal for right losses that are not events (a logout ends a session row). */
export interface RightsSignal {
  /** Re-check a user's subscriptions on every instance. */
  rightsChanged(userId: string): Promise<void>;
}

const SETTLE_TIMEOUT_MS = 5_000;

/**
 * Follows the event store for RIGHT_CHANGING_EVENTS (so a change made through any instance
 * reaches every instance's subscriptions) and re-checks the named user's subscriptions once
 * the read models include the event, since the check reads them.
 */
export class RightsWatcher {
  private subscription: EventSubscription | null = null;
  private pump: Promise<void> | null = null;

  constructor(
    private readonly options: {
      readonly store: EventStore;
      readonly subscriptions: SubscriptionService;
      readonly settled?: (position: number, timeoutMs: number) => Promise<void>;
      readonly logger: { error(fields: Record<string, unknown>, message: string): void };
    },
  ) {}

  async start(): Promise<void> {
    const { store, subscriptions, settled, logger } = this.options;
    const head = await store.headPosition();
    const subscription = store.subscribe({ fromPosition: head + 1, eventTypes: Object.keys(RIGHT_CHANGING_EVENTS) });
    this.subscription = subscription;
    this.pump = (async () => {
      try {
        for await (const event of subscription) {
          const userId = userWhoseRightsChanged(event);
          if (userId === null) continue;
          await settled?.(event.position, SETTLE_TIMEOUT_MS).catch(() => undefined);
          await subscriptions.recheckUser(userId);
        }
      } catch (err) {
        logger.error({ err }, 'subscription rights watcher stopped following the event store');
      }
    })();
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.pump;
  }
}
