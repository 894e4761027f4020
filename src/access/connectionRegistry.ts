import type { IpAddress } from '../domain/access/ipAddress.js';

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
}

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
  track(socket: ClosableConnection, who: { userId: string; viaApiToken: boolean; address: IpAddress | null; clientIp: string }): TrackedConnection {
    const known = this.bySocket.get(socket);
    if (known && known.userId === who.userId) return known;
    if (known) this.forget(known);
    const entry: TrackedConnection = { socket, ...who, mailboxes: new Set() };
    this.bySocket.set(socket, entry);
    let set = this.byUser.get(who.userId);
    if (!set) this.byUser.set(who.userId, (set = new Set()));
    set.add(entry);
    socket.once('close', () => this.forget(entry));
    return entry;
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
