/**
 * Projection leadership on PostgreSQL: one session-level advisory lock per projection,
 * held on a dedicated connection, and checkpoint advances published with NOTIFY.
 *
 * Advisory locks and notification channels are database-wide, while read models live in
 * a schema; both are therefore keyed by `current_schema()`, so deployments (or test
 * suites) in different schemas of one database never wait for each other's leaders.
 */
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { PgChannelListener } from '../db/pgChannelListener.js';
import type { ReadModelDb } from '../db/schema.js';
import type { CheckpointFeed, CheckpointListener, LeaderElection } from './leadership.js';
import type { ProjectionLogger } from './worker.js';

export const CHECKPOINT_CHANNEL = 'mailroom_checkpoints';

/** FNV-1a, as a signed 32-bit integer: the `int4` keys of `pg_try_advisory_lock(int4, int4)`. */
export const lockKey = (text: string): number => {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash | 0;
};

/** First lock key: one namespace per schema holding read models. */
export const lockNamespace = (schema: string): number => lockKey(`mailroom.projections/${schema}`);

export interface PostgresLeaderElectionOptions {
  readonly connectionString: string;
  /** Pause between attempts to take the locks this instance lacks. @default 2000 */
  readonly retryMs?: number;
  readonly logger?: ProjectionLogger;
}

interface Waiter {
  readonly names: readonly string[];
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * A session-level lock lives exactly as long as its connection: a pooled connection would
 * carry it to unrelated queries and keep it after a release. So the locks sit on a
 * connection of their own. When a leader dies, PostgreSQL ends its session and frees its
 * locks; a standby takes them on its next attempt. When the leader's own connection
 * breaks, it can no longer know it is the only one, so it reports every leadership lost.
 */
export class PostgresLeaderElection implements LeaderElection {
  private readonly retryMs: number;
  private readonly keys = new Map<string, number>();
  private readonly wanted = new Set<string>();
  private readonly held = new Set<string>();
  private readonly waiters = new Set<Waiter>();
  private onChange: (name: string, leading: boolean) => void = () => {};
  private client: pg.Client | null = null;
  private namespace = 0;
  private attempts: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastConnectError = '';

  constructor(private readonly options: PostgresLeaderElectionOptions) {
    this.retryMs = options.retryMs ?? 2000;
  }

  async start(names: readonly string[], onChange: (name: string, leading: boolean) => void): Promise<void> {
    this.onChange = onChange;
    this.want(names);
    await this.attempt();
  }

  async acquire(names: readonly string[], onWaiting?: (heldElsewhere: readonly string[]) => void): Promise<void> {
    this.want(names);
    await this.attempt();
    const missing = names.filter((n) => !this.held.has(n));
    if (missing.length === 0) return;
    onWaiting?.(missing);
    await new Promise<void>((resolve, reject) => this.waiters.add({ names, resolve, reject }));
  }

  isLeader(name: string): boolean {
    return this.held.has(name);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.attempts;
    for (const waiter of this.waiters) waiter.reject(new Error('Leader election stopped'));
    this.waiters.clear();
    this.wanted.clear();
    const client = this.client;
    this.client = null;
    // Ending the session is what releases its advisory locks.
    this.held.clear();
    if (client) await client.end().catch(() => {});
  }

  private want(names: readonly string[]): void {
    for (const name of names) {
      const key = lockKey(name);
      const clash = [...this.keys].find(([other, k]) => k === key && other !== name);
      if (clash) throw new Error(`Projections ${JSON.stringify(name)} and ${JSON.stringify(clash[0])} hash to the same lock key`);
      this.keys.set(name, key);
      this.wanted.add(name);
    }
    this.running = true;
  }

  /** Attempts never overlap: the held set is only changed by one of them, or by a lost connection. */
  private attempt(): Promise<void> {
    this.attempts = this.attempts.then(() => this.tryOnce());
    return this.attempts;
  }

  private schedule(): void {
    if (!this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.attempt();
    }, this.retryMs);
  }

  private async tryOnce(): Promise<void> {
    if (!this.running) return;
    try {
      const client = this.client ?? (await this.connect());
      if (!client) return;
      const missing = [...this.wanted].filter((n) => !this.held.has(n));
      if (missing.length === 0) {
        // Nothing to take, but a dead connection must still be noticed: it means lost locks.
        await client.query('select 1');
        return;
      }
      const { rows } = await client.query<{ key: number; locked: boolean }>(
        'select k as key, pg_try_advisory_lock($1::int4, k) as locked from unnest($2::int4[]) as k',
        [this.namespace, missing.map((n) => this.keys.get(n)!)],
      );
      const locked = new Set(rows.filter((r) => r.locked).map((r) => r.key));
      if (this.client !== client) return;
      for (const name of missing) {
        if (!locked.has(this.keys.get(name)!)) continue;
        this.held.add(name);
        this.options.logger?.info(`leading projection ${name}`, { projection: name });
        this.onChange(name, true);
      }
      this.settleWaiters();
    } catch (e) {
      const client = this.client;
      if (client) this.lose(client, e);
    } finally {
      this.schedule();
    }
  }

  private async connect(): Promise<pg.Client | null> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      connectionTimeoutMillis: Math.max(5000, this.retryMs * 2),
      // A query that hangs (network partition) counts as a broken connection.
      query_timeout: Math.max(5000, this.retryMs * 2),
      application_name: 'mailroom projection locks',
    });
    client.on('error', (e) => this.lose(client, e));
    client.on('end', () => this.lose(client, new Error('connection ended')));
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('select current_schema() as schema');
      this.namespace = lockNamespace(rows[0]!.schema);
    } catch (e) {
      await client.end().catch(() => {});
      const message = e instanceof Error ? e.message : String(e);
      if (message !== this.lastConnectError) this.options.logger?.warn('projection leader election cannot connect', { error: message });
      this.lastConnectError = message;
      return null;
    }
    this.lastConnectError = '';
    if (!this.running) {
      await client.end().catch(() => {});
      return null;
    }
    this.client = client;
    return client;
  }

  private lose(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => {});
    const lost = [...this.held];
    this.held.clear();
    if (lost.length > 0) {
      this.options.logger?.warn('projection leadership lost with its database connection', {
        projections: lost,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    for (const name of lost) this.onChange(name, false);
    this.schedule();
  }

  private settleWaiters(): void {
    for (const waiter of this.waiters) {
      if (!waiter.names.every((n) => this.held.has(n))) continue;
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }
}

export interface PostgresCheckpointFeedOptions {
  readonly connectionString: string;
  /** @default 1000 */
  readonly reconnectMs?: number;
}

/**
 * Checkpoint advances of the leaders, heard on a dedicated LISTEN connection that
 * reconnects when it drops; the runner also polls the checkpoint table, so a missed
 * notification only delays a standby, and every (re)connection asks it to resync.
 */
export class PostgresCheckpointFeed implements CheckpointFeed {
  private readonly channel: PgChannelListener;
  private listener: CheckpointListener | null = null;
  private schema = '';

  constructor(options: PostgresCheckpointFeedOptions) {
    this.channel = new PgChannelListener({
      connectionString: options.connectionString,
      channels: [CHECKPOINT_CHANNEL],
      ...(options.reconnectMs === undefined ? {} : { reconnectMs: options.reconnectMs }),
      prepare: async (client) => {
        const { rows } = await client.query<{ schema: string }>('select current_schema() as schema');
        this.schema = rows[0]!.schema;
      },
      onNotification: (_channel, payload) => this.received(payload),
      onListening: () => this.listener?.resync(),
    });
  }

  async publish(trx: Kysely<ReadModelDb>, names: readonly string[], position: number): Promise<void> {
    if (names.length === 0) return;
    // NOTIFY is delivered at commit, and not at all on rollback (PostgreSQL docs, NOTIFY).
    // One notification for the whole batch, however many projections it advanced (each
    // NOTIFY takes the queue's lock at commit); split only near the 8,000-byte payload limit.
    const payloads: string[] = [];
    let chunk: string[] = [];
    let length = 0;
    for (const name of names) {
      const size = JSON.stringify(name).length + 1;
      if (chunk.length > 0 && length + size > 7000) {
        payloads.push(JSON.stringify({ p: position, n: chunk }));
        chunk = [];
        length = 0;
      }
      chunk.push(name);
      length += size;
    }
    payloads.push(JSON.stringify({ p: position, n: chunk }));
    // The same statement lets this batch commit without waiting for its WAL flush
    // (synchronous_commit = off, this transaction only), as the SQLite read models use
    // synchronous=NORMAL: the rows commit with their checkpoint, so a tail lost in a
    // database crash is applied again from the durable events, and any later synchronous
    // commit (an append, a delivered notice) flushes it first. It is visible at once either
    // way, so read-your-writes is unchanged; it saves one fsync per mutation.
    await sql`select set_config('synchronous_commit', 'off', true), pg_notify(${CHECKPOINT_CHANNEL}, current_schema() || ':' || p) from unnest(${payloads}::text[]) as p`.execute(trx);
  }

  async start(listener: CheckpointListener): Promise<void> {
    this.listener = listener;
    await this.channel.start();
  }

  async stop(): Promise<void> {
    this.listener = null;
    await this.channel.stop();
  }

  /** `schema:{"p":position,"n":[names]}`; the schema comes first and holds no ':'. */
  private received(payload: string): void {
    const first = payload.indexOf(':');
    if (first < 0 || payload.slice(0, first) !== this.schema) return;
    let body: unknown;
    try {
      body = JSON.parse(payload.slice(first + 1));
    } catch {
      return;
    }
    const { p: position, n: names } = (body ?? {}) as { p?: unknown; n?: unknown };
    if (!Number.isSafeInteger(position) || !Array.isArray(names)) return;
    for (const name of names) if (typeof name === 'string') this.listener?.checkpoint(name, position as number);
  }
}
