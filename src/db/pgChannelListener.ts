import pg from 'pg';

export interface PgChannelListenerOptions {
  readonly connectionString: string;
  readonly channels: readonly string[];
  readonly onNotification: (channel: string, payload: string) => void;
  /** Runs on each new connection before LISTEN (e.g. reading `current_schema()`); a throw counts as a failed attempt. */
  readonly prepare?: (client: pg.Client) => Promise<void>;
  /**
   * Runs after every (re)connection once LISTEN is in effect: whatever was notified while
   * no connection listened was missed, so callers catch up here.
   */
  readonly onListening?: () => void;
  /** Pause before reconnecting after a failed attempt or a dropped connection. @default 1000 */
  readonly reconnectMs?: number;
  /** Shown in `pg_stat_activity`, so an operator can tell the listening sessions apart. @default `mailroom listen <channels>` */
  readonly applicationName?: string;
}

/**
 * One dedicated connection that LISTENs on PostgreSQL notification channels. A pooled
 * client cannot do this: LISTEN is bound to a session, and a pool would hand that session
 * to other queries and recycle it. A dropped connection is replaced after `reconnectMs`,
 * for as long as the listener is started; notifications sent in between are lost (they
 * are not queued for absent listeners), which `onListening` exists to make up for.
 */
export class PgChannelListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(private readonly options: PgChannelListenerOptions) {}

  get listening(): boolean {
    return this.client !== null;
  }

  /**
   * Connects unless already connected or connecting. Resolves once listening, or once a
   * failed attempt has scheduled its retry; cheap to call repeatedly.
   */
  start(): Promise<void> {
    this.started = true;
    if (this.client || this.retryTimer) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connecting;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
      application_name: this.options.applicationName ?? `mailroom listen ${this.options.channels.join(',')}`.slice(0, 63),
    });
    client.on('notification', (message) => this.options.onNotification(message.channel, message.payload ?? ''));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await this.options.prepare?.(client);
      for (const channel of this.options.channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch {
      await client.end().catch(() => {});
      this.scheduleRetry();
      return;
    }
    if (!this.started) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.options.onListening?.();
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    // An 'error' is not always followed by 'end': close the socket rather than leak it.
    void client.end().catch(() => {});
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.started || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.started) void this.start();
    }, this.options.reconnectMs ?? 1000);
    this.retryTimer.unref();
  }
}
