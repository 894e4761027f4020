import { sql, type Kysely } from 'kysely';
import { currentSchemaOf } from '../../db/currentSchema.js';
import { PgChannelListener } from '../../db/pgChannelListener.js';
import type { ReadModelDb } from '../../db/schema.js';
import type { RightsSignal } from './rightsWatcher.js';
import type { SubscriptionService } from './subscriptionService.js';

export const RIGHTS_CHANNEL = 'mailroom_rights';

interface Envelope {
  /** The sender's schema: test suites share one database in separate schemas. */
  readonly ns: string;
  readonly userId: string;
}

/** One instance (SQLite): a right lost here is re-checked here. */
export const localRightsSignal = (subscriptions: SubscriptionService): RightsSignal => ({
  rightsChanged: (userId) => subscriptions.recheckUser(userId),
});

/**
 * Several instances on one PostgreSQL: a right lost without an event (a logout deletes a
 * session row) is announced with pg_notify, and every instance, this one included (the
 * notification comes back to the sender), re-checks that user's subscriptions. The payload
 * names the user only. While the LISTEN connection is down, the credential-expiry timer and
 * the next right-changing event are what still close such a subscription.
 */
export class PostgresRightsRelay implements RightsSignal {
  private readonly listener: PgChannelListener;
  private schema: (() => Promise<string>) | null = null;

  constructor(
    private readonly options: {
      readonly connectionString: string;
      readonly db: Kysely<ReadModelDb>;
      readonly subscriptions: SubscriptionService;
      readonly logger?: { warn(fields: Record<string, unknown>, message: string): void };
    },
  ) {
    this.listener = new PgChannelListener({
      connectionString: options.connectionString,
      channels: [RIGHTS_CHANNEL],
      applicationName: 'mailroom listen rights',
      prepare: async () => void (await this.namespace()),
      onNotification: (_channel, payload) => void this.receive(payload),
    });
  }

  async rightsChanged(userId: string): Promise<void> {
    // Re-check here at once; the notification reaches the other instances.
    await this.options.subscriptions.recheckUser(userId);
    try {
      const payload = JSON.stringify({ ns: await this.namespace(), userId } satisfies Envelope);
      await sql`select pg_notify(${RIGHTS_CHANNEL}, ${payload})`.execute(this.options.db);
    } catch (err) {
      this.options.logger?.warn({ err, userId }, 'rights notify failed');
    }
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  private namespace(): Promise<string> {
    this.schema ??= currentSchemaOf(this.options.db);
    return this.schema();
  }

  private async receive(payload: string): Promise<void> {
    try {
      const envelope = JSON.parse(payload) as Envelope;
      if (envelope.ns !== (await this.namespace()) || typeof envelope.userId !== 'string') return;
      await this.options.subscriptions.recheckUser(envelope.userId);
    } catch (err) {
      this.options.logger?.warn({ err }, 'rights notification ignored');
    }
  }
}
