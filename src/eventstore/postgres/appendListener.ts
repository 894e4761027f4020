import { PgChannelListener } from '../../db/pgChannelListener.js';
import type { AppendNotifier } from '../subscription.js';
import { APPEND_CHANNEL } from './postgresSchema.js';

/**
 * Wakes the in-process subscribers when any process on the database appends. While the
 * LISTEN connection is down subscriptions fall back to polling; on every (re)connection
 * they are woken once, for appends that committed before LISTEN took effect.
 */
export class AppendListener {
  private readonly listener: PgChannelListener;

  constructor(connectionString: string, notifier: AppendNotifier) {
    this.listener = new PgChannelListener({
      connectionString,
      channels: [APPEND_CHANNEL],
      onNotification: () => notifier.notify(),
      onListening: () => notifier.notify(),
    });
  }

  /** Connects unless already connected or connecting; cheap to call on every subscribe. */
  start(): void {
    void this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}
