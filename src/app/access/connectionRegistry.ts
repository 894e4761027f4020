import type { IpAddress } from '../../domain/access/ipAddress.js';

/** What the registry needs of a WebSocket (the `ws` socket satisfies it). */
export interface ClosableConnection {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

export interface TrackedConnection {
  readonly socket: ClosableConnection;
  readonly userId: string;
  readonly viaApiToken: boolean;
  readonly address: IpAddress | null;
  readonly clientIp: string;
  /** Mailboxes this connection has acted in; re-checked when their restriction changes. */
  readonly mailboxes: Set<number>;
  /** The credential: a session id or an API token id, so ending one ends its sockets. */
  readonly sessionId?: string;
  readonly tokenId?: string;
}

/** Who a connection belongs to, as `track` takes it. */
export interface ConnectionOwner {
  readonly userId: string;
  readonly viaApiToken: boolean;
  readonly address: IpAddress | null;
  readonly clientIp: string;
  readonly sessionId?: string;
  readonly tokenId?: string;
  /** The credential's expiry: the connection is closed then (4401), also mid-subscription. */
  readonly expiresAt?: Date | null;
}

/** setTimeout's ceiling (about 24.8 days); a later expiry is re-armed when this fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * graphql-ws close codes (4401 Unauthorized, 4403 Forbidden): a client that sees them
 * knows not to reconnect with the same credentials. Reasons stay under 123 bytes (the
 * WebSocket limit for a close reason, RFC 6455 §5.5).
 */
export const CloseCode = { SESSION_ENDED: 4401, ACCESS_DENIED: 4403 } as const;

/**
 * Open WebSocket connections by user, so a lock can end them and a changed restriction can
 * end the ones it no longer allows. Only this process's sockets: every instance runs its own
 * registry and reacts to the same events.
 */
export class ConnectionRegistry {
  private readonly bySocket = new Map<ClosableConnection, TrackedConnection>();
  private readonly byUser = new Map<string, Set<TrackedConnection>>();

  get size(): number {
    return this.bySocket.size;
  }

  /** Registers a connection once (graphql-ws builds a context per operation); later calls return it. */
  track(socket: ClosableConnection, who: ConnectionOwner): TrackedConnection {
    const known = this.bySocket.get(socket);
    if (known && known.userId === who.userId) return known;
    if (known) this.forget(known);
    const { expiresAt, ...owner } = who;
    const entry: TrackedConnection = { socket, ...owner, mailboxes: new Set() };
    this.bySocket.set(socket, entry);
    let set = this.byUser.get(who.userId);
    if (!set) this.byUser.set(who.userId, (set = new Set()));
    set.add(entry);
    const timer = expiresAt ? this.closeAt(entry, expiresAt) : null;
    socket.once('close', () => {
      if (timer) clearTimeout(timer.handle);
      this.forget(entry);
    });
    return entry;
  }

  /** Ends sockets of one credential (an ended session, a revoked token). */
  closeCredential(userId: string, match: { sessionId?: string; tokenId?: string }, code: number, reason: string): number {
    const hits = this.connectionsOf(userId).filter(
      (c) => (match.sessionId !== undefined && c.sessionId === match.sessionId) || (match.tokenId !== undefined && c.tokenId === match.tokenId),
    );
    for (const c of hits) this.close(c, code, reason);
    return hits.length;
  }

  /** Ends the user's session sockets except one session's (a password change). */
  closeSessionsExcept(userId: string, keptSessionId: string | null, code: number, reason: string): number {
    const hits = this.connectionsOf(userId).filter((c) => c.sessionId !== undefined && c.sessionId !== keptSessionId);
    for (const c of hits) this.close(c, code, reason);
    return hits.length;
  }

  /**
   * An expiring credential closes its socket on time: no event marks an expiry, so every
   * instance arms a timer for its own sockets when it registers them.
   */
  private closeAt(entry: TrackedConnection, expiresAt: Date): { handle: ReturnType<typeof setTimeout> } {
    const timer = { handle: undefined as unknown as ReturnType<typeof setTimeout> };
    const arm = () => {
      const left = expiresAt.getTime() - Date.now();
      timer.handle = setTimeout(() => {
        if (expiresAt.getTime() > Date.now()) return arm();
        if (this.bySocket.get(entry.socket) === entry) this.close(entry, CloseCode.SESSION_ENDED, entry.tokenId ? 'API token expired' : 'Session expired');
      }, Math.max(0, Math.min(left, MAX_TIMER_MS)));
      timer.handle.unref?.();
    };
    arm();
    return timer;
  }

  connectionsOf(userId: string): readonly TrackedConnection[] {
    return [...(this.byUser.get(userId) ?? [])];
  }

  inMailbox(mailboxNumber: number): readonly TrackedConnection[] {
    return [...this.bySocket.values()].filter((c) => c.mailboxes.has(mailboxNumber));
  }

  close(connection: TrackedConnection, code: number, reason: string): void {
    this.forget(connection);
    connection.socket.close(code, reason.slice(0, 120));
  }

  closeUser(userId: string, code: number, reason: string): number {
    const connections = this.connectionsOf(userId);
    for (const c of connections) this.close(c, code, reason);
    return connections.length;
  }

  private forget(entry: TrackedConnection): void {
    if (this.bySocket.get(entry.socket) === entry) this.bySocket.delete(entry.socket);
    const set = this.byUser.get(entry.userId);
    set?.delete(entry);
    if (set?.size === 0) this.byUser.delete(entry.userId);
  }
}
