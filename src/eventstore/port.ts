/**
 * The event store port. Adapters (SQLite, PostgreSQL, KurrentDB, in-memory) implement it;
 * nothing outside `src/eventstore/` knows which one runs.
 *
 * Positions are global, start at 1 and grow without gaps in commit order for the SQL
 * adapters. Revisions are per stream and start at 0 (as in EventStoreDB).
 */
import type { DomainEvent } from '../domain/shared/decider.js';

/** Metadata every stored event carries. Time and ids come from the caller, never `Date.now()` in a decider. */
export interface EventMetadata {
  /** Who caused the event (user id), or null for the system itself. */
  readonly actorId: string | null;
  readonly clientIp?: string | null;
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly reason?: string | null;
  /** Extra keys are kept verbatim. */
  readonly [key: string]: unknown;
}

/** An event ready to be appended. `id` (UUID) makes re-appends idempotent. */
export interface NewEvent<Type extends string = string, Data = unknown> extends DomainEvent<Type, Data> {
  readonly id: string;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  /** Global position in the store, from 1. */
  readonly position: number;
  readonly streamId: string;
  /** Position within the stream, from 0. */
  readonly revision: number;
  readonly recordedAt: Date;
  /** Tamper-evidence chain: sha256 hex over `prevHash` and this event's canonical content. */
  readonly hash: string;
  readonly prevHash: string;
}

/**
 * - `'any'`: no check.
 * - `'no_stream'`: the stream must not exist.
 * - `'stream_exists'`: the stream must have at least one event.
 * - a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  /** @default 'any' */
  readonly expectedRevision?: ExpectedRevision;
  /**
   * Only on a store with `appliesAppendsInCallOrder`: the promise an earlier append to this
   * store returned, whose outcome this append was decided on. Unless that append stored its
   * events (a refusal, an error or a replay all count as not), this one is refused with a
   * ConcurrencyError and nothing of it is stored. The expected revision alone cannot tell:
   * another writer may have filled the revision the earlier append wanted.
   */
  readonly after?: Promise<AppendResult>;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append; pass it as the next `expectedRevision`. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event. */
  readonly position: number;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  /** @default 'any' */
  readonly expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive). @default 0 forwards, last revision backwards */
  readonly from?: number;
  /** @default 'forwards' */
  readonly direction?: 'forwards' | 'backwards';
  /** @default unbounded */
  readonly max?: number;
}

export interface ReadAllOptions {
  /** First global position to read (inclusive). @default 1 */
  readonly fromPosition?: number;
  /** @default 1000 */
  readonly max?: number;
}

export interface SubscribeOptions {
  /** First global position to deliver (inclusive). @default 1 */
  readonly fromPosition?: number;
  /** Only events whose type is listed; all events when absent. */
  readonly eventTypes?: readonly string[];
}

/**
 * Catch-up then live subscription to all events. Iterate it with `for await`;
 * `close()` ends the iteration. Delivers every event exactly once, in position order.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /** Name of the adapter, for logs and `/readyz`. */
  readonly kind: string;
  /**
   * True when appends are applied in the order of the `appendToStream` calls (in one group
   * commit or in later ones) and `AppendOptions.after` is honoured. `handleCommand` then
   * lets the next command on a stream decide on the state an append still waiting for its
   * commit will leave, so a burst on one stream shares commits instead of paying one each.
   */
  readonly appliesAppendsInCallOrder?: boolean;
  appendToStream(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * All-or-nothing append to several streams: every expected revision is checked and every
   * event is stored in one transaction, or nothing is (the first failing part's error is
   * thrown). Results are in the order of `appends`; each stream may appear once. Adapters
   * without a multi-stream transaction leave it out, and callers needing atomicity refuse.
   */
  appendToStreams?(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options?: SubscribeOptions): EventSubscription;
  /** Position of the last event, 0 when the store is empty. */
  headPosition(): Promise<number>;
  /** Cheap liveness probe of the backing database. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
