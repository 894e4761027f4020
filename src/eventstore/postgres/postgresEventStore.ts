import pg from 'pg';
import { PgChannelListener } from '../../db/pgChannelListener.js';
import { ConcurrencyError, illegalState, validationError } from '../../domain/shared/errors.js';
import { assertAppendable, assertAppendableMany, foreignEventIdError } from '../appendValidation.js';
import { checkImportRevisions, type EventImporter, prepareImport, streamsOf } from '../eventImport.js';
import { checkExpectedRevision } from '../expectedRevision.js';
import { canonicalJson, eventHashParts } from '../hashChain.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '../port.js';
import { AppendNotifier, catchUpSubscription, sharedReads, trackSubscription } from '../subscription.js';
import { APPEND_CHANNEL, APPEND_FUNCTION, APPEND_ONE_FUNCTION, SCHEMA_SQL } from './postgresSchema.js';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** Pool size. @default 10 */
  readonly maxConnections?: number;
  /**
   * Subscription re-read interval without a notification, the safety net for a lost
   * LISTEN connection. @default 1000
   */
  readonly pollIntervalMs?: number;
  /**
   * Test-only: when set, every append runs in an explicit transaction and awaits this
   * after the append function ran (the head lock is held) and before COMMIT, so a test
   * can hold an append open. Never set it in production.
   */
  readonly beforeCommit?: (streamId: string) => Promise<void>;
  /**
   * Opens an existing store without creating or replacing anything, every session in
   * read-only transactions (`mailroom store copy`'s source): a database that holds no
   * Mailroom event store is refused instead of getting its tables.
   */
  readonly readOnly?: boolean;
}

/** Positions are bigint in SQL but stay far below 2^53; parse them as numbers on this pool only. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash';
const APPEND_ARGS = '$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12';
/** Named, so each pooled session parses and plans them once. */
const APPEND_MANY = { name: 'mailroom_append', text: `SELECT outcome, out_revision, out_position FROM ${APPEND_FUNCTION}(${APPEND_ARGS})` };
const APPEND_ONE = { name: 'mailroom_append_one', text: `SELECT ${APPEND_ONE_FUNCTION}(${APPEND_ARGS}) AS outcome_text` };
const SETUP_LOCK_KEY = 0x6d61696c; // "mail": serialises concurrent create() on one database

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}

const toRecorded = (r: EventRow): RecordedEvent => ({
  position: r.position,
  streamId: r.stream_id,
  revision: r.revision,
  id: r.event_id,
  type: r.type,
  data: r.data,
  metadata: r.metadata,
  recordedAt: r.recorded_at,
  hash: r.hash,
  prevHash: r.prev_hash,
});

interface AppendRow {
  outcome: 'appended' | 'duplicate' | 'conflict' | 'foreign_id';
  out_revision: number | null;
  out_position: number | null;
}

/** A row of the batch function, or the one-event function's text `<outcome> [<revision> [<position>]]`. */
type AppendAnswer = AppendRow | { outcome_text: string };

const toAppendRow = (row: AppendAnswer): AppendRow => {
  if (!('outcome_text' in row)) return row;
  const [outcome, revision, position] = row.outcome_text.split(' ');
  return {
    outcome: outcome as AppendRow['outcome'],
    out_revision: revision === undefined ? null : Number(revision),
    out_position: position === undefined ? null : Number(position),
  };
};

/**
 * Event store on PostgreSQL. One append is one call of a PL/pgSQL function (see
 * postgresSchema.ts for why appends are serialised on a head row and hashed in SQL).
 * Subscriptions LISTEN for the function's NOTIFY, so appends from other server instances
 * on the same database wake them too.
 */
export class PostgresEventStore implements EventStore, EventImporter {
  readonly kind = 'postgres';
  /** Appends run in call order: one group at a time, each in arrival order. */
  readonly appliesAppendsInCallOrder = true;
  /** Appends waiting for the running group to commit. */
  private readonly queue: PendingAppend[] = [];
  /** The drain in progress, if any (`close` waits for it). */
  private draining: Promise<void> | null = null;
  /** Outcome per promise this store returned, so `after` can name an earlier append. */
  private readonly outcomes = new WeakMap<Promise<AppendResult>, AppendOutcome>();
  private readonly notifier = new AppendNotifier();
  /** The subscriptions' reads, one per page however many subscribers ask for it. */
  private readonly subscriptionReads = sharedReads((o) => this.readAll(o), this.notifier);
  private readonly subscriptions = new Set<EventSubscription>();
  /** Wakes subscriptions on appends by any process; while it is down they fall back to polling. */
  private readonly listener: PgChannelListener;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.listener = new PgChannelListener({
      connectionString: options.connectionString,
      channels: [APPEND_CHANNEL],
      onNotification: () => this.notifier.notify(),
      // Appends that committed before LISTEN took effect sent no notification we saw.
      onListening: () => this.notifier.notify(),
    });
  }

  /** Connects and creates the adapter's tables and function if missing. */
  static async create(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10, types });
    // An idle client losing its connection emits here; without a handler the process
    // would crash. The next query checks out a fresh client and reports real failures.
    pool.on('error', () => {});
    // Emitted before the pool hands the client out, and a client runs its queries in order.
    if (options.readOnly) pool.on('connect', (c) => void c.query('SET default_transaction_read_only = on').catch(() => {}));
    const client = await pool.connect().catch(async (err: unknown) => {
      await pool.end();
      throw err;
    });
    try {
      if (options.readOnly) {
        const { rows } = await client.query<{ ok: boolean }>("SELECT to_regclass('events') IS NOT NULL AND to_regclass('event_store_head') IS NOT NULL AS ok");
        if (!rows[0]!.ok) throw illegalState('No Mailroom event store here: the current schema has no events and event_store_head tables');
      } else {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK_KEY]);
        await client.query(SCHEMA_SQL);
        await client.query('COMMIT');
      }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
      await pool.end();
      throw err;
    }
    client.release();
    return new PostgresEventStore(pool, options);
  }

  /**
   * Group commit: appends that arrive while a group is running wait and then run together
   * (see `runGroup`). Not `async`: the promise returned is the one `AppendOptions.after`
   * may name later.
   */
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expectedRevision = options.expectedRevision ?? 'any';
    let call: ReturnType<typeof appendCall>;
    try {
      assertAppendable(streamId, events, expectedRevision);
      call = appendCall(streamId, String(expectedRevision), events);
    } catch (err) {
      return Promise.reject(err);
    }
    const outcome: AppendOutcome = { stored: null };
    // A promise of another store (or none of ours) counts as not stored: refused, never guessed.
    const after = options.after ? (this.outcomes.get(options.after) ?? { stored: false }) : undefined;
    const appended = new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ outcome, after, streamId, events, expectedRevision, ...call, resolve, reject });
      if (!this.draining) this.draining = new Promise<void>((done) => setImmediate(() => void this.drain().finally(done)));
    });
    this.outcomes.set(appended, outcome);
    return appended;
  }

  /** Runs the queued appends group after group, in arrival order, one group at a time. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.runGroup(this.queue.splice(0, MAX_GROUP));
    } finally {
      this.draining = null;
    }
  }

  /**
   * One group, one commit. A lone append is one autocommitted function call, as before; a
   * group is BEGIN, the function once per append in arrival order, COMMIT. The first call
   * takes the head row lock and the transaction keeps it until COMMIT, so positions stay in
   * commit order, the chain has one predecessor per event, and nothing of the group is
   * visible (or acknowledged) before the group committed: the late-commit guarantee holds
   * for the group as for one append. The functions report conflicts and duplicates as
   * outcomes, so one append's refusal does not touch the others; if a call raises (a value
   * jsonb refuses, a lost connection), the group is rolled back and each of its appends is
   * run again alone, which also settles an ambiguous COMMIT through the event-id
   * idempotency (a stored append then answers as a duplicate).
   */
  private async runGroup(group: PendingAppend[]): Promise<void> {
    const { beforeCommit } = this.options;
    if (group.length === 1 && !beforeCommit) return this.runAlone(group[0]!);
    let client: pg.PoolClient | null = null;
    const rows: (AppendRow | null)[] = [];
    try {
      client = await this.pool.connect();
      await client.query('BEGIN');
      for (const a of group) {
        if (a.after && a.after.stored !== true) {
          a.outcome.stored = false;
          rows.push(null);
          continue;
        }
        const row = toAppendRow((await client.query<AppendAnswer>({ ...a.statement, values: a.params })).rows[0]!);
        a.outcome.stored = row.outcome === 'appended';
        rows.push(row);
      }
      if (beforeCommit) for (const a of group) await beforeCommit(a.streamId);
      await client.query('COMMIT');
    } catch {
      await client?.query('ROLLBACK').catch(() => {});
      // Not back into the pool: the connection may be what failed.
      client?.release(true);
      client = null;
      for (const a of group) await this.runAlone(a);
      return;
    } finally {
      client?.release();
    }
    group.forEach((a, i) => {
      const row = rows[i]!;
      if (row === null) a.reject(notStoredBefore(a));
      else settle(a, row);
    });
    if (rows.some((r) => r?.outcome === 'appended')) this.notifier.notify();
  }

  private async runAlone(a: PendingAppend): Promise<void> {
    if (a.after && a.after.stored !== true) {
      a.outcome.stored = false;
      a.reject(notStoredBefore(a));
      return;
    }
    let row: AppendRow;
    try {
      row = await this.runAppend(a.streamId, a.statement, a.params);
    } catch (err) {
      a.outcome.stored = false;
      a.reject(mapAppendError(err, a.streamId, String(a.expectedRevision)));
      return;
    }
    a.outcome.stored = row.outcome === 'appended';
    settle(a, row);
    if (row.outcome === 'appended') this.notifier.notify();
  }

  /**
   * The append function once per part inside one transaction: each call takes the head row
   * lock (held to COMMIT), so the parts are contiguous in the chain and nothing interleaves;
   * any refusal rolls back every part.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertAppendableMany(appends);
    const client = await this.pool.connect();
    let appended = false;
    try {
      await client.query('BEGIN');
      const results: AppendResult[] = [];
      for (const a of appends) {
        const expectedRevision = a.expectedRevision ?? 'any';
        const { statement, params } = appendCall(a.streamId, String(expectedRevision), a.events);
        let row: AppendRow;
        try {
          row = toAppendRow((await client.query<AppendAnswer>({ ...statement, values: params })).rows[0]!);
        } catch (err) {
          throw mapAppendError(err, a.streamId, String(expectedRevision));
        }
        switch (row.outcome) {
          case 'appended':
            appended = true;
          // falls through
          case 'duplicate':
            results.push({ nextExpectedRevision: row.out_revision!, position: row.out_position! });
            break;
          case 'conflict':
            checkExpectedRevision(a.streamId, expectedRevision, row.out_revision!);
            throw new ConcurrencyError(a.streamId, String(expectedRevision), String(row.out_revision));
          case 'foreign_id':
            throw foreignEventIdError(a.events[0]!.id);
        }
      }
      await client.query('COMMIT');
      if (appended) this.notifier.notify();
      return results;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private async runAppend(streamId: string, statement: AppendStatement, params: unknown[]): Promise<AppendRow> {
    const call = async (db: pg.Pool | pg.PoolClient) => toAppendRow((await db.query<AppendAnswer>({ ...statement, values: params })).rows[0]!);
    const { beforeCommit } = this.options;
    if (!beforeCommit) return call(this.pool);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const row = await call(client);
      await beforeCommit(streamId);
      await client.query('COMMIT');
      return row;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * One transaction holding the head row lock that appends take, so no append can
   * interleave; the hashes are recomputed in Node (prepareImport) rather than in the append
   * function, because they are given and only need checking.
   */
  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const head = (await client.query<{ position: number; hash: string }>('SELECT position, hash FROM event_store_head WHERE id FOR UPDATE')).rows[0]!;
      const prepared = prepareImport(events, head);
      const { rows } = await client.query<{ stream_id: string; revision: number }>(
        'SELECT stream_id, max(revision) AS revision FROM events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id',
        [streamsOf(events)],
      );
      const current = new Map(rows.map((r) => [r.stream_id, r.revision]));
      checkImportRevisions(events, (streamId) => current.get(streamId) ?? -1);
      await client.query(
        `INSERT INTO events (${COLUMNS})
         SELECT u.position, u.stream_id, u.revision, u.event_id, u.type, u.data::jsonb, u.metadata::jsonb, u.recorded_at, u.prev_hash, u.hash
         FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[])
           AS u(position, stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash)`,
        [
          prepared.map((p) => p.e.position),
          prepared.map((p) => p.e.streamId),
          prepared.map((p) => p.e.revision),
          prepared.map((p) => p.e.id),
          prepared.map((p) => p.e.type),
          prepared.map((p) => p.dataJson),
          prepared.map((p) => p.metadataJson),
          prepared.map((p) => p.e.recordedAt.toISOString()),
          prepared.map((p) => p.e.prevHash),
          prepared.map((p) => p.e.hash),
        ],
      );
      const last = events.at(-1)!;
      await client.query('UPDATE event_store_head SET position = $1, hash = $2 WHERE id', [last.position, last.hash]);
      await client.query('SELECT pg_notify($1, $2)', [APPEND_CHANNEL, String(last.position)]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw mapAppendError(err, events[0]?.streamId ?? '', 'any');
    } finally {
      client.release();
    }
    this.notifier.notify();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const { rows } = await this.pool.query<EventRow>(
      backwards
        ? `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`
        : `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, options.from ?? (backwards ? 2_147_483_647 : 0), options.max ?? null],
    );
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'mailroom_read_all',
      text: `SELECT ${COLUMNS} FROM events WHERE position >= $1 ORDER BY position LIMIT $2`,
      values: [Math.max(1, options.fromPosition ?? 1), options.max ?? 1000],
    });
    return rows.map(toRecorded);
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    void this.listener.start();
    const inner = catchUpSubscription(
      { readAll: this.subscriptionReads, notifier: this.notifier },
      { pollIntervalMs: this.options.pollIntervalMs ?? 1000, ...options },
    );
    return trackSubscription(this.subscriptions, inner);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ position: number }>('SELECT position FROM event_store_head WHERE id');
    return rows[0]?.position ?? 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** Ends subscriptions, then the LISTEN connection and the pool, leaving no open handles. */
  async close(): Promise<void> {
    // Appends already accepted are committed (or refused) before the pool ends.
    await this.draining;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.listener.stop();
    if (!this.pool.ended) await this.pool.end();
  }
}

type AppendStatement = typeof APPEND_ONE;

/** Appends of one group at most: bounds how long one group holds the head row lock. */
const MAX_GROUP = 100;

/** Whether an append stored its events: null until its group decided, for `AppendOptions.after`. */
interface AppendOutcome {
  stored: boolean | null;
}

interface PendingAppend {
  readonly outcome: AppendOutcome;
  /** The outcome of the append this one was decided on (`AppendOptions.after`). */
  readonly after: AppendOutcome | undefined;
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: NonNullable<AppendOptions['expectedRevision']>;
  readonly statement: AppendStatement;
  readonly params: unknown[];
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

const notStoredBefore = (a: PendingAppend): ConcurrencyError =>
  new ConcurrencyError(a.streamId, String(a.expectedRevision), 'unknown: the append it was decided on was not stored');

/** The function's outcome as the port's answer. */
const settle = (a: PendingAppend, row: AppendRow): void => {
  switch (row.outcome) {
    case 'appended':
    case 'duplicate':
      a.resolve({ nextExpectedRevision: row.out_revision!, position: row.out_position! });
      return;
    case 'conflict':
      try {
        checkExpectedRevision(a.streamId, a.expectedRevision, row.out_revision!);
        a.reject(new ConcurrencyError(a.streamId, String(a.expectedRevision), String(row.out_revision)));
      } catch (err) {
        a.reject(err);
      }
      return;
    case 'foreign_id':
      a.reject(foreignEventIdError(a.events[0]!.id));
      return;
  }
};

/**
 * Parameters of the append functions. Node sends each value's canonical JSON (stored as is)
 * and the hash segments around it; a single event goes as scalars to the one-event function.
 */
const appendCall = (
  streamId: string,
  expected: string,
  events: readonly NewEvent[],
): { statement: AppendStatement; params: unknown[] } => {
  const recordedAt = new Date();
  const parts = (e: NewEvent) => eventHashParts({ streamId, id: e.id, type: e.type, recordedAt });
  const dataJson = (e: NewEvent) => canonicalJson(e.data === undefined ? null : e.data);
  if (events.length === 1) {
    const e = events[0]!;
    return {
      statement: APPEND_ONE,
      params: [streamId, expected, e.id, e.type, dataJson(e), canonicalJson(e.metadata), recordedAt, ...parts(e)],
    };
  }
  const n = events.length;
  const ids = new Array<string>(n);
  const typeNames = new Array<string>(n);
  const data = new Array<string>(n);
  const metadata = new Array<string>(n);
  const segments: string[][] = [[], [], [], [], []];
  events.forEach((e, i) => {
    ids[i] = e.id;
    typeNames[i] = e.type;
    data[i] = dataJson(e);
    metadata[i] = canonicalJson(e.metadata);
    parts(e).forEach((part, k) => {
      segments[k]![i] = part;
    });
  });
  return { statement: APPEND_MANY, params: [streamId, expected, ids, typeNames, data, metadata, recordedAt, ...segments] };
};

const mapAppendError = (err: unknown, streamId: string, expected: string): unknown => {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'events_stream_revision_key') {
    // Only reachable if something wrote past the head lock; still a conflict, not a crash.
    return new ConcurrencyError(streamId, expected, 'a revision written concurrently');
  }
  if (e.code === '23505' && e.constraint === 'events_event_id_key') {
    return validationError(['events'], 'An event id of this append is already stored; event ids must be unique');
  }
  if (e.code === '22P05') {
    return validationError(['events'], 'Event data or metadata contains a character jsonb cannot store (U+0000)');
  }
  return err;
};
