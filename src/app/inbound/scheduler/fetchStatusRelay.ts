import { sql, type Kysely } from 'kysely';
import { currentSchemaOf } from '../../../db/currentSchema.js';
import { PgChannelListener } from '../../../db/pgChannelListener.js';
import type { ReadModelDb } from '../../../db/schema.js';
import { loadFetchStatuses, type FetchStatusSnapshot } from '../fetchStatus.js';
import type { FetchStatusFeed, FetchStatusPublisher } from './fetchStatusFeed.js';
import type { SchedulerLogger } from './schedulerLogger.js';

export const FETCH_STATUS_CHANNEL = 'mailroom_fetch_status';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; larger snapshots travel as a reference. */
const MAX_PAYLOAD_BYTES = 7900;

interface Envelope {
  /** The publisher's schema: channels are per database, and test suites share one database in separate schemas. */
  readonly ns: string;
  /** Instance id of the publisher, which has already fed its own subscribers. */
  readonly origin: string;
  readonly status?: FetchStatusSnapshot;
  /** Only when the snapshot is too large for a payload: the receiver loads the current one. */
  readonly ref?: { readonly accountId: string; readonly mailboxNumber: number };
}

/**
 * Fetch status across server instances on one PostgreSQL. Run state is operational, not
 * an event, so the event feed cannot carry it; instead every snapshot is published to the
 * local feed at once and sent with pg_notify, and a dedicated LISTEN connection on every
 * instance feeds the other instances' snapshots into its local feed. Own notifications
 * are skipped (they were delivered locally), so nobody gets a status twice. Notifications
 * of different transactions arrive in commit order, so FETCHING precedes OK elsewhere too.
 * While the LISTEN connection is down (it reconnects every second), other instances'
 * changes are missed, as a live feed may: the stored status stays queryable.
 */
export class PostgresFetchStatusRelay implements FetchStatusPublisher {
  private readonly listener: PgChannelListener;
  private schema: (() => Promise<string>) | null = null;

  constructor(
    private readonly options: {
      readonly connectionString: string;
      readonly db: Kysely<ReadModelDb>;
      readonly feed: FetchStatusFeed;
      readonly instanceId: string;
      readonly logger?: SchedulerLogger;
    },
  ) {
    this.listener = new PgChannelListener({
      connectionString: options.connectionString,
      channels: [FETCH_STATUS_CHANNEL],
      prepare: async () => void (await this.namespace()),
      onNotification: (_channel, payload) => void this.receive(payload),
    });
  }

  async publish(status: FetchStatusSnapshot): Promise<void> {
    this.options.feed.publish(status);
    const ns = await this.namespace();
    let payload = JSON.stringify({ ns, origin: this.options.instanceId, status } satisfies Envelope);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      payload = JSON.stringify({ ns, origin: this.options.instanceId, ref: { accountId: status.accountId, mailboxNumber: status.mailboxNumber } } satisfies Envelope);
    }
    try {
      await sql`select pg_notify(${FETCH_STATUS_CHANNEL}, ${payload})`.execute(this.options.db);
    } catch (err) {
      // Other instances' subscribers miss one change; the run itself must not fail for it.
      this.options.logger?.warn({ err, accountId: status.accountId }, 'fetch status notify failed');
    }
  }

  /** Connects unless already connected or connecting; resolves once listening, or once a failed attempt scheduled its retry. */
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
      if (envelope.origin === this.options.instanceId || envelope.ns !== (await this.namespace())) return;
      if (envelope.status) this.options.feed.publish(envelope.status);
      else if (envelope.ref) {
        const [status] = await loadFetchStatuses(this.options.db, [envelope.ref]);
        if (status) this.options.feed.publish(status);
      }
    } catch (err) {
      this.options.logger?.warn({ err }, 'fetch status notification ignored');
    }
  }
}
