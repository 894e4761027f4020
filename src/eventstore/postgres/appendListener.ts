import pg from 'pg';
import type { AppendNotifier } from '../subscription.js';
import { APPEND_CHANNEL } from './postgresSchema.js';

const RECONNECT_DELAY_MS = 1000;

/**
 * One dedicated connection that LISTENs for appends (from any process on the database)
 * and wakes the in-process subscribers. A pooled client cannot do this: LISTEN is bound
 * to a session, and the pool would hand that session to queries and recycle it. When the
 * connection drops it reconnects; meanwhile subscriptions fall back to polling.
 */
export class AppendListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly notifier: AppendNotifier,
  ) {}

  /** Connects unless already connected or connecting; cheap to call on every subscribe. */
  start(): void {
    if (this.stopped || this.client || this.connecting || this.retryTimer) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', () => this.notifier.notify());
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${APPEND_CHANNEL}`);
    } catch {
      await client.end().catch(() => {});
      this.lost(client);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    // Appends that committed before LISTEN took effect sent no notification we saw.
    this.notifier.notify();
  }

  private lost(client: pg.Client): void {
    if (this.client === client) this.client = null;
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start();
    }, RECONNECT_DELAY_MS);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connecting;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }
}
