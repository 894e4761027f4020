import { CloseCode } from '../../app/access/connectionRegistry.js';
import type { Principal } from '../../app/auth/principal.js';
import { ErrorCode, MailroomError, forbidden, isMailroomError, unauthenticated } from '../../domain/shared/errors.js';
import type { RightsSignal } from './rightsWatcher.js';
import { Fanout, SubscriptionEnded, type FanoutSubscription } from './fanout.js';
import { DEFAULT_SUBSCRIPTION_CONFIG, type SubscriptionConfig } from './subscriptionConfig.js';

/**
 * Close codes of a subscription connection, besides graphql-ws's own: 4401 and 4403 as the
 * access runtime uses them, and 4413 for a client that stopped reading. Reasons stay under
 * 123 bytes (RFC 6455 §5.5).
 */
export const SubscriptionCloseCode = {
  SESSION_ENDED: CloseCode.SESSION_ENDED,
  ACCESS_DENIED: CloseCode.ACCESS_DENIED,
  TOO_SLOW: 4413,
} as const;

/** The feeds (one fan-out each); `mailroom_subscriptions_open{feed}` and the payload counter use these names. */
export const SUBSCRIPTION_FEEDS = ['settings', 'receive_errors', 'fetch_status'] as const;
export type SubscriptionFeed = (typeof SUBSCRIPTION_FEEDS)[number];

/** What the service needs of a WebSocket (the `ws` socket satisfies it). */
export interface SubscriberSocket {
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Who holds a subscription, as the GraphQL context knows it. */
export interface SubscriberCaller {
  readonly principal: Principal | null;
  readonly bearerToken: string | null;
  readonly clientIp: string;
  readonly socket: SubscriberSocket | null;
}

export interface SubscriptionSpec {
  readonly feed: SubscriptionFeed;
  readonly topic: string;
  /** The subscription's authorization; run at start and again whenever the holder's rights may have changed. Throws to refuse. */
  readonly authorize: (principal: Principal) => void;
}

export interface SubscriptionServiceOptions {
  readonly config?: SubscriptionConfig;
  /**
   * The principal behind a connection's credentials now, with its network gate, or null
   * when the session or token ended (logout, expiry, revocation, deactivation, lock).
   */
  readonly principalOf: (caller: { bearerToken: string | null; clientIp: string; socket: SubscriberSocket }) => Promise<Principal | null>;
  readonly logger?: { warn(fields: Record<string, unknown>, message: string): void };
}

interface Entry {
  readonly spec: SubscriptionSpec;
  readonly feed: FanoutSubscription<unknown>;
}

interface Connection {
  readonly socket: SubscriberSocket;
  readonly bearerToken: string | null;
  readonly clientIp: string;
  readonly userId: string;
  readonly entries: Set<Entry>;
  closed: boolean;
}

/**
 * Every open GraphQL subscription of this instance: the fan-outs they read, the limits
 * per connection and user, bounded buffering (a client that stops reading is closed with
 * 4413), and the re-check of each subscription's right when something may have taken it
 * away (RightsWatcher). A connection whose credentials expire is closed (4401) by the access
 * runtime's connection registry, which arms one timer per connection from the principal's
 * `expiresAt`; this service arms none of its own. Only this process's sockets: every
 * instance runs its own and reacts to the same events.
 */
export class SubscriptionService {
  readonly config: SubscriptionConfig;
  private readonly fanouts = new Map<SubscriptionFeed, Fanout<unknown>>();
  private readonly connections = new Map<SubscriberSocket, Connection>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly closedFor = new Map<string, number>();
  /** Open subscriptions per user, kept as a count: summing over 1,000 connections per subscribe was quadratic. */
  private readonly openPerUser = new Map<string, number>();
  private signal: RightsSignal | null = null;

  constructor(private readonly options: SubscriptionServiceOptions) {
    this.config = options.config ?? DEFAULT_SUBSCRIPTION_CONFIG;
    for (const feed of SUBSCRIPTION_FEEDS) this.fanouts.set(feed, new Fanout());
  }

  /** The fan-out of a feed; the feed's publisher and its resolvers agree on `P`. */
  fanout<P>(feed: SubscriptionFeed): Fanout<P> {
    return this.fanouts.get(feed)! as Fanout<P>;
  }

  /** Open subscriptions per feed. */
  openCounts(): Record<SubscriptionFeed, number> {
    return Object.fromEntries(SUBSCRIPTION_FEEDS.map((f) => [f, this.fanouts.get(f)!.subscriberCount])) as Record<SubscriptionFeed, number>;
  }

  /** Payloads built per feed since start: one per event and topic with subscribers, however many they are. */
  payloadsBuilt(): Record<SubscriptionFeed, number> {
    return Object.fromEntries(SUBSCRIPTION_FEEDS.map((f) => [f, this.fanouts.get(f)!.payloadsBuilt])) as Record<SubscriptionFeed, number>;
  }

  /** Connections this service closed, by reason (`session_ended`, `too_slow`). */
  closedConnections(): ReadonlyMap<string, number> {
    return this.closedFor;
  }

  /**
   * Starts a subscription for a caller: authorization, then the limits, then a place in
   * the feed's fan-out. Throws UNAUTHENTICATED, FORBIDDEN or RATE_LIMITED (too many).
   */
  open(caller: SubscriberCaller, spec: SubscriptionSpec): AsyncIterableIterator<unknown> {
    if (!caller.principal) throw unauthenticated();
    const principal = caller.principal;
    spec.authorize(principal);
    const connection = caller.socket ? this.connectionOf(caller.socket, caller, principal.userId) : null;
    if (connection && connection.entries.size >= this.config.maxPerConnection) {
      throw new MailroomError(ErrorCode.RATE_LIMITED, `At most ${this.config.maxPerConnection} subscriptions per connection; this would be one more`, {
        details: { limit: this.config.maxPerConnection, scope: 'connection' },
      });
    }
    const ofUser = this.openOfUser(principal.userId);
    if (ofUser >= this.config.maxPerUser) {
      throw new MailroomError(ErrorCode.RATE_LIMITED, `At most ${this.config.maxPerUser} subscriptions per user; ${ofUser} are open`, {
        details: { limit: this.config.maxPerUser, scope: 'user' },
      });
    }
    const socket = caller.socket;
    let entry: Entry | null = null;
    const feed = this.fanout<unknown>(spec.feed).listen(spec.topic, {
      maxQueued: this.config.maxQueuedEvents,
      ...(socket ? { congested: () => socket.bufferedAmount > this.config.maxBufferedBytes } : {}),
      onStalled: (why) => {
        if (connection) this.closeConnection(connection, SubscriptionCloseCode.TOO_SLOW, 'too_slow', `Subscriber too slow (${why}); reconnect and catch up with queries`);
      },
      onEnd: () => {
        if (entry && connection?.entries.delete(entry)) this.countOpen(connection.userId, -1);
      },
    });
    entry = { spec, feed };
    if (connection) {
      connection.entries.add(entry);
      this.countOpen(connection.userId, +1);
    }
    return feed;
  }

  /**
   * Re-checks every subscription of a user on this instance: credentials that ended close
   * the connection with 4401; a subscription whose own authorization fails now ends with
   * that error (FORBIDDEN), the connection's others go on.
   */
  async recheckUser(userId: string): Promise<void> {
    await Promise.all([...(this.byUser.get(userId) ?? [])].map((c) => this.recheck(c)));
  }

  /** Closes every subscription connection of a user on this instance with 4401. */
  closeUser(userId: string, message = 'Session ended'): void {
    for (const c of [...(this.byUser.get(userId) ?? [])]) this.closeConnection(c, SubscriptionCloseCode.SESSION_ENDED, 'session_ended', message);
  }

  /** How `rightsChanged` reaches other instances (PostgresRightsRelay); without one, only this instance re-checks. */
  useSignal(signal: RightsSignal): void {
    this.signal = signal;
  }

  /**
   * A right of the user ended without an event (a logout): re-check the user's
   * subscriptions on every instance.
   */
  rightsChanged(userId: string): Promise<void> {
    return this.signal ? this.signal.rightsChanged(userId) : this.recheckUser(userId);
  }

  /** Ends every subscription (shutdown). */
  close(): void {
    for (const f of this.fanouts.values()) f.close();
  }

  private async recheck(connection: Connection): Promise<void> {
    if (connection.closed || connection.entries.size === 0) return;
    let principal: Principal | null;
    try {
      principal = await this.options.principalOf(connection);
    } catch (err) {
      this.options.logger?.warn({ err, userId: connection.userId }, 'subscription re-check failed; kept open');
      return;
    }
    if (!principal || principal.userId !== connection.userId) {
      this.closeConnection(connection, SubscriptionCloseCode.SESSION_ENDED, 'session_ended', 'Session ended');
      return;
    }
    for (const entry of [...connection.entries]) {
      try {
        entry.spec.authorize(principal);
      } catch (err) {
        const error = isMailroomError(err) ? err : forbidden();
        entry.feed.finish(new SubscriptionEnded(new MailroomError(error.code, `Subscription ended: ${error.message}`)));
      }
    }
  }

  private connectionOf(socket: SubscriberSocket, caller: SubscriberCaller, userId: string): Connection {
    const known = this.connections.get(socket);
    if (known && !known.closed) return known;
    const connection: Connection = { socket, bearerToken: caller.bearerToken, clientIp: caller.clientIp, userId, entries: new Set(), closed: false };
    this.connections.set(socket, connection);
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(connection);
    socket.once('close', () => this.forget(connection));
    return connection;
  }

  private openOfUser(userId: string): number {
    return this.openPerUser.get(userId) ?? 0;
  }

  private countOpen(userId: string, delta: number): void {
    const n = (this.openPerUser.get(userId) ?? 0) + delta;
    if (n > 0) this.openPerUser.set(userId, n);
    else this.openPerUser.delete(userId);
  }

  private closeConnection(connection: Connection, code: number, reason: string, message: string): void {
    if (connection.closed) return;
    this.closedFor.set(reason, (this.closedFor.get(reason) ?? 0) + 1);
    this.forget(connection);
    for (const entry of [...connection.entries]) void entry.feed.return?.();
    connection.socket.close(code, message.slice(0, 120));
  }

  private forget(connection: Connection): void {
    connection.closed = true;
    if (this.connections.get(connection.socket) === connection) this.connections.delete(connection.socket);
    const set = this.byUser.get(connection.userId);
    set?.delete(connection);
    if (set?.size === 0) this.byUser.delete(connection.userId);
  }
}
