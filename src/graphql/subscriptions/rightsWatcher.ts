import type { EventStore, EventSubscription, RecordedEvent } from '../../eventstore/port.js';

/** What an event does to a user's open subscriptions. */
export interface RightChange {
  readonly userId: string;
  /** Close every subscription connection of the user (4401) rather than re-check it. */
  readonly endsSessions: boolean;
}

const userIdOf = (event: RecordedEvent): string | null => {
  const id = (event.data as { userId?: unknown } | null)?.userId;
  return typeof id === 'string' ? id : null;
};

const recheck = (event: RecordedEvent): RightChange | null => {
  const userId = userIdOf(event);
  return userId === null ? null : { userId, endsSessions: false };
};

/**
 * Events after which a user's open subscriptions may no longer be allowed. `recheck`: the
 * watcher re-checks that user's subscriptions on this instance (credentials first, then
 * each subscription's own authorization). A new way to lose a right (a session or token
 * ending, a new role rule) plugs in by adding its event type here. `UserLocked` is handled
 * by the access runtime, which closes the user's connections outright.
 */
export const RIGHT_CHANGING_EVENTS: Readonly<Record<string, (event: RecordedEvent) => RightChange | null>> = {
  UserDeactivated: recheck,
  // Someone else (an administrator) set the password: whoever held the old one is out.
  // The user's own change keeps the session it was made from, so that is a re-check.
  UserPasswordChanged: (event) => {
    const userId = userIdOf(event);
    return userId === null ? null : { userId, endsSessions: event.metadata.actorId !== userId };
  },
  UserPermissionRevoked: recheck,
  ApiTokenRevoked: recheck,
  MailboxMemberRemoved: recheck,
  MailboxRoleRevoked: recheck,
};

/** What an event does to whose subscriptions, or null. */
export const rightChangeOf = (event: RecordedEvent): RightChange | null => RIGHT_CHANGING_EVENTS[event.type]?.(event) ?? null;

/** Cross-instance signal for right losses that are not events (a logout ends a session row). */
export interface RightsSignal {
  /** Re-check a user's subscriptions on every instance. */
  rightsChanged(userId: string): Promise<void>;
}

const SETTLE_TIMEOUT_MS = 5_000;

/** What the watcher asks of the subscription service; named here so the service may import this file's types one way. */
export interface WatchedSubscriptions {
  closeUser(userId: string, message?: string): void;
  recheckUser(userId: string): Promise<void>;
}

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
      readonly subscriptions: WatchedSubscriptions;
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
          const change = rightChangeOf(event);
          if (change === null) continue;
          if (change.endsSessions) {
            subscriptions.closeUser(change.userId, 'Session ended: the password was changed');
            continue;
          }
          await settled?.(event.position, SETTLE_TIMEOUT_MS).catch(() => undefined);
          await subscriptions.recheckUser(change.userId);
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
