import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { ConcurrencyError } from '../../domain/shared/errors.js';
import { assertAppendable, assertAppendableMany, foreignEventIdError } from '../appendValidation.js';
import { checkImportRevisions, type EventImporter, prepareImport } from '../eventImport.js';
import { checkExpectedRevision } from '../expectedRevision.js';
import { canonicalJson, type EventHashParts, eventHashParts, GENESIS_HASH, hashEventParts } from '../hashChain.js';
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

export interface SqliteEventStoreOptions {
  /** Database file; its directory is created if missing. The server passes `<dataDir>/events.sqlite`. */
  readonly path: string;
  /**
   * How long an append waits for another connection's write lock before failing with
   * SQLITE_BUSY. node:sqlite is synchronous, so the wait blocks the event loop; only other
   * processes on the same file can cause it. @default 5000
   */
  readonly busyTimeoutMs?: number;
  /**
   * `FULL` syncs the WAL on every commit, so an acknowledged append survives a power cut;
   * `NORMAL` only survives a process crash. This is an audit log, hence FULL.
   * @default 'FULL'
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Subscription re-read interval when no in-process append woke it (appends by other processes). @default 1000 */
  readonly pollIntervalMs?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  prev_hash   TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
) STRICT;
`;

interface PreparedEvent {
  readonly e: NewEvent;
  /** Canonical JSON, stored as is and hashed. */
  readonly data: string;
  readonly metadata: string;
  readonly parts: EventHashParts;
}

/** Whether an append stored its events: null until its group decided, for `AppendOptions.after`. */
interface AppendOutcome {
  stored: boolean | null;
}

interface PendingPart {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: NonNullable<AppendOptions['expectedRevision']>;
  readonly prepared: readonly PreparedEvent[];
  readonly recordedAtIso: string;
}

/** One append call: one part, or several for a multi-stream append (one savepoint for all). */
interface PendingAppend {
  readonly outcome: AppendOutcome;
  /** The outcome of the append this one was decided on (`AppendOptions.after`). */
  readonly after: AppendOutcome | undefined;
  readonly parts: readonly PendingPart[];
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

interface AppendContext {
  current: number;
  firstStream: string | null;
  firstRevision: number | null;
  firstPosition: number | null;
  lastPosition: number | null;
  lastHash: string | null;
}

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash';

/** A row in COLUMNS order; read statements return arrays, which skips building a row object per event. */
type EventRow = [number, string, number, string, string, string, string, string, string, string];

const toRecorded = (r: EventRow): RecordedEvent => ({
  position: r[0],
  streamId: r[1],
  revision: r[2],
  id: r[3],
  type: r[4],
  data: JSON.parse(r[5]),
  metadata: JSON.parse(r[6]),
  recordedAt: new Date(r[7]),
  prevHash: r[8],
  hash: r[9],
});

/**
 * Event store on one SQLite file through Node's built-in `node:sqlite`. Appends are
 * group-committed: those of one event-loop turn run synchronously, one after another,
 * between one BEGIN IMMEDIATE and COMMIT: the write lock is taken up front, and no `await`
 * can interleave, so the hash chain always extends the true last event and positions are
 * gapless in commit order.
 */
export class SqliteEventStore implements EventStore, EventImporter {
  readonly kind = 'sqlite';
  /** Appends run in call order: groups are flushed one after another, each in arrival order. */
  readonly appliesAppendsInCallOrder = true;
  /** Outcome per promise this store returned, so `after` can name an earlier append. */
  private readonly outcomes = new WeakMap<Promise<AppendResult>, AppendOutcome>();
  private readonly db: DatabaseSync;
  private readonly notifier = new AppendNotifier();
  /** The subscriptions' reads, one per page however many subscribers ask for it. */
  private readonly subscriptionReads = sharedReads((o) => this.readAll(o), this.notifier);
  private readonly subscriptions = new Set<EventSubscription>();
  private readonly pollIntervalMs: number;
  /** Appends waiting for the next group commit. */
  private readonly pending: PendingAppend[] = [];
  private readonly stmt: {
    begin: StatementSync;
    commit: StatementSync;
    savepoint: StatementSync;
    release: StatementSync;
    rollbackToSavepoint: StatementSync;
    rollback: StatementSync;
    context: StatementSync;
    streamOfId: StatementSync;
    insert: StatementSync;
    readAll: StatementSync;
    readForwards: StatementSync;
    readBackwards: StatementSync;
    head: StatementSync;
    headHash: StatementSync;
    streamRevision: StatementSync;
  };

  constructor(options: SqliteEventStoreOptions) {
    mkdirSync(dirname(options.path), { recursive: true });
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.db = new DatabaseSync(options.path);
    this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec(`PRAGMA synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    this.db.exec(SCHEMA);
    const p = (sql: string) => this.db.prepare(sql);
    const rows = (sql: string) => {
      const statement = this.db.prepare(sql);
      statement.setReturnArrays(true);
      return statement;
    };
    this.stmt = {
      begin: p('BEGIN IMMEDIATE'),
      commit: p('COMMIT'),
      savepoint: p('SAVEPOINT append'),
      release: p('RELEASE append'),
      rollbackToSavepoint: p('ROLLBACK TO append'),
      rollback: p('ROLLBACK'),
      // Everything an append needs to know, in one statement: where the first event id is
      // stored (idempotency), the stream's revision, and the last event (chain head).
      context: p(`
        SELECT (SELECT coalesce(max(revision), -1) FROM events WHERE stream_id = ?1) AS current,
               f.stream_id AS firstStream, f.revision AS firstRevision, f.position AS firstPosition,
               l.position AS lastPosition, l.hash AS lastHash
        FROM (SELECT 1) AS one
        LEFT JOIN events AS f ON f.event_id = ?2
        LEFT JOIN (SELECT position, hash FROM events ORDER BY position DESC LIMIT 1) AS l ON true`),
      streamOfId: p('SELECT stream_id, revision, position FROM events WHERE event_id = ? AND stream_id = ?'),
      insert: p(`INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      readAll: rows(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`),
      readForwards: rows(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      readBackwards: rows(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      head: p('SELECT coalesce(max(position), 0) AS position FROM events'),
      headHash: p('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1'),
      streamRevision: p('SELECT coalesce(max(revision), -1) AS revision FROM events WHERE stream_id = ?'),
    };
  }

  /** The underlying connection, for tests and tools (e.g. tampering with a row to test an auditor). */
  get database(): DatabaseSync {
    return this.db;
  }

  /** Not `async`: the promise returned is the one `AppendOptions.after` may name later. */
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expectedRevision = options.expectedRevision ?? 'any';
    let part: PendingPart;
    try {
      assertAppendable(streamId, events, expectedRevision);
      part = this.preparePart(streamId, events, expectedRevision);
    } catch (err) {
      return Promise.reject(err);
    }
    const outcome: AppendOutcome = { stored: null };
    // A promise of another store (or none of ours) counts as not stored: refused, never guessed.
    const after = options.after ? (this.outcomes.get(options.after) ?? { stored: false }) : undefined;
    const appended = this.enqueue([part], outcome, after).then((results) => results[0]!);
    this.outcomes.set(appended, outcome);
    return appended;
  }

  /** All parts in one savepoint of the group commit: a refusal of any part rolls back all of them. */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertAppendableMany(appends);
    const parts = appends.map((a) => this.preparePart(a.streamId, a.events, a.expectedRevision ?? 'any'));
    return this.enqueue(parts, { stored: null }, undefined);
  }

  /** JSON and hash segments are built before BEGIN, so the write lock covers only SQL work. */
  private preparePart(streamId: string, events: readonly NewEvent[], expectedRevision: NonNullable<AppendOptions['expectedRevision']>): PendingPart {
    const recordedAt = new Date();
    const recordedAtIso = recordedAt.toISOString();
    const prepared = events.map((e) => {
      const data = canonicalJson(e.data === undefined ? null : e.data);
      const metadata = canonicalJson(e.metadata);
      return { e, data, metadata, parts: eventHashParts({ streamId, id: e.id, type: e.type, recordedAt }) };
    });
    return { streamId, events, expectedRevision, prepared, recordedAtIso };
  }

  private enqueue(parts: readonly PendingPart[], outcome: AppendOutcome, after: AppendOutcome | undefined): Promise<AppendResult[]> {
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.pending.push({ outcome, after, parts, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /**
   * Group commit: the appends that arrived during one event-loop turn share one
   * transaction, hence one fsync. Each runs in its own savepoint, so a conflict or a bad
   * event id refuses only that append; the others commit. Nothing is acknowledged before
   * the COMMIT returns.
   */
  private flush(): void {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; result: AppendResult[] } | { ok: false; error: unknown })[] = [];
    try {
      this.stmt.begin.run();
      for (const a of batch) {
        // Decided on an earlier append (of this group or an earlier one) that stored nothing.
        if (a.after && a.after.stored !== true) {
          a.outcome.stored = false;
          const first = a.parts[0]!;
          outcomes.push({ ok: false, error: new ConcurrencyError(first.streamId, String(first.expectedRevision), 'unknown: the append it was decided on was not stored') });
          continue;
        }
        this.stmt.savepoint.run();
        try {
          const appended = a.parts.map((p) => this.appendLocked(p.streamId, p.events, p.expectedRevision, p.prepared, p.recordedAtIso));
          this.stmt.release.run();
          a.outcome.stored = appended.some((r) => r.stored);
          outcomes.push({ ok: true, result: appended.map((r) => r.result) });
        } catch (error) {
          this.stmt.rollbackToSavepoint.run();
          this.stmt.release.run();
          a.outcome.stored = false;
          outcomes.push({ ok: false, error });
        }
      }
      this.stmt.commit.run();
    } catch (err) {
      if (this.db.isTransaction) this.stmt.rollback.run();
      for (const a of batch) {
        a.outcome.stored = false;
        a.reject(err);
      }
      return;
    }
    batch.forEach((a, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) a.resolve(outcome.result);
      else a.reject(outcome.error);
    });
    if (outcomes.some((o) => o.ok)) this.notifier.notify();
  }

  private appendLocked(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: NonNullable<AppendOptions['expectedRevision']>,
    prepared: readonly PreparedEvent[],
    recordedAtIso: string,
  ): { result: AppendResult; stored: boolean } {
    const ctx = this.stmt.context.get(streamId, events[0]!.id) as unknown as AppendContext;
    if (ctx.firstStream === streamId) {
      const last = this.stmt.streamOfId.get(events[events.length - 1]!.id, streamId) as
        | { revision: number; position: number }
        | undefined;
      const result = last
        ? { nextExpectedRevision: last.revision, position: last.position }
        : { nextExpectedRevision: ctx.firstRevision!, position: ctx.firstPosition! };
      return { result, stored: false };
    }
    checkExpectedRevision(streamId, expectedRevision, ctx.current);
    if (ctx.firstStream !== null) throw foreignEventIdError(events[0]!.id);

    let prevHash = ctx.lastHash ?? GENESIS_HASH;
    let position = ctx.lastPosition ?? 0;
    let revision = ctx.current;
    for (const { e, data, metadata, parts } of prepared) {
      position += 1;
      revision += 1;
      const hash = hashEventParts(prevHash, parts, { dataJson: data, metadataJson: metadata, position, revision });
      const values: SQLInputValue[] = [position, streamId, revision, e.id, e.type, data, metadata, recordedAtIso, prevHash, hash];
      try {
        this.stmt.insert.run(...values);
      } catch (err) {
        if (isUniqueViolation(err, 'events.event_id')) throw foreignEventIdError(e.id);
        throw err;
      }
      prevHash = hash;
    }
    return { result: { nextExpectedRevision: revision, position }, stored: true };
  }

  /** One transaction under the write lock, like an append; see EventImporter. */
  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    this.stmt.begin.run();
    try {
      const head = (this.stmt.headHash.get() as { position: number; hash: string } | undefined) ?? { position: 0, hash: GENESIS_HASH };
      const prepared = prepareImport(events, head);
      checkImportRevisions(events, (streamId) => (this.stmt.streamRevision.get(streamId) as { revision: number }).revision);
      for (const { e, dataJson, metadataJson } of prepared) {
        try {
          this.stmt.insert.run(e.position, e.streamId, e.revision, e.id, e.type, dataJson, metadataJson, e.recordedAt.toISOString(), e.prevHash, e.hash);
        } catch (err) {
          if (isUniqueViolation(err, 'events.event_id')) throw foreignEventIdError(e.id);
          throw err;
        }
      }
      this.stmt.commit.run();
    } catch (err) {
      if (this.db.isTransaction) this.stmt.rollback.run();
      throw err;
    }
    this.notifier.notify();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const max = options.max ?? -1; // LIMIT -1: no limit
    const rows =
      options.direction === 'backwards'
        ? this.stmt.readBackwards.all(streamId, options.from ?? Number.MAX_SAFE_INTEGER, max)
        : this.stmt.readForwards.all(streamId, options.from ?? 0, max);
    return (rows as unknown as EventRow[]).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.stmt.readAll.all(Math.max(1, options.fromPosition ?? 1), options.max ?? 1000);
    return (rows as unknown as EventRow[]).map(toRecorded);
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    const inner = catchUpSubscription(
      { readAll: this.subscriptionReads, notifier: this.notifier },
      { pollIntervalMs: this.pollIntervalMs, ...options },
    );
    return trackSubscription(this.subscriptions, inner);
  }

  async headPosition(): Promise<number> {
    return (this.stmt.head.get() as { position: number }).position;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  /** Ends open subscriptions first, so none reads from a closed connection. */
  async close(): Promise<void> {
    // Appends already accepted are committed (or refused) before the file closes.
    if (this.db.isOpen) this.flush();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.db.isOpen) this.db.close();
  }
}

const isUniqueViolation = (err: unknown, column: string): boolean =>
  err instanceof Error &&
  (err as { errcode?: number }).errcode === 2067 /* SQLITE_CONSTRAINT_UNIQUE */ &&
  err.message.includes(column);
