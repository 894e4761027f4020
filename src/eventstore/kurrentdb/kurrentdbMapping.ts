import { randomUUID } from 'node:crypto';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AppendStreamRequest,
  type AppendStreamState,
  type CurrentStreamState,
  type JSONEventData,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, validationError } from '../../domain/shared/errors.js';
import type { ExpectedRevision, RecordedEvent } from '../port.js';

/**
 * Pure translations between the port and KurrentDB, kept apart from the adapter so they
 * are tested without a server.
 */

/** Serialises appends and records each batch: the adapter's position map (see kurrentdbEventStore.ts). */
export const HEAD_STREAM = 'mailroom-head';
/** One stream per event id, created with NO_STREAM: KurrentDB's only cross-stream uniqueness check. */
export const ID_STREAM_PREFIX = 'mailroom-id-';
export const HEAD_EVENT_TYPE = 'MailroomHeadAdvanced';
export const ID_EVENT_TYPE = 'MailroomEventIdClaimed';
/**
 * multiStreamAppend only accepts string-valued metadata ("properties"), so everything the
 * port stores beside data travels as one JSON string under this key.
 */
export const ENVELOPE_KEY = 'mailroom';

export const toStreamState = (expected: ExpectedRevision): AppendStreamState => {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === -1) return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
};

/** -1 for a missing stream, as `checkExpectedRevision` expects. */
export const fromCurrentState = (state: CurrentStreamState): number => (state === NO_STREAM ? -1 : Number(state));

/** The one place KurrentDB's optimistic-concurrency failure becomes the domain's. */
export const translateAppendError = (err: unknown, streamId: string, expected: ExpectedRevision): unknown => {
  if (!(err instanceof WrongExpectedVersionError)) return err;
  const actual = fromCurrentState(err.actualState);
  return new ConcurrencyError(streamId, String(expected), actual === -1 ? 'no_stream' : String(actual));
};

export const isReservedStreamId = (streamId: string): boolean =>
  streamId.startsWith('$') || streamId === HEAD_STREAM || streamId.startsWith(ID_STREAM_PREFIX);

export const assertWritableStreamId = (streamId: string): void => {
  if (isReservedStreamId(streamId)) {
    throw validationError(
      ['streamId'],
      `Expected a stream id not starting with "$" or "${ID_STREAM_PREFIX}" and not "${HEAD_STREAM}", got ${JSON.stringify(streamId)}`,
    );
  }
};

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Server-side $all filter on stream names: the product's streams under `namespace`, without
 * system streams (`$…`, which also holds `$$` metadata streams) and the adapter's own
 * bookkeeping streams.
 */
export const productStreamRegex = (namespace: string): string =>
  `^${escapeRegex(namespace)}(?!\\$|${escapeRegex(HEAD_STREAM)}$|${escapeRegex(ID_STREAM_PREFIX)})`;

/** The same test client-side, plus system event types (links `$>` can sit in any stream). */
export const isProductEvent = (streamName: string, type: string, namespace: string): boolean =>
  type.length > 0 &&
  !type.startsWith('$') &&
  streamName.startsWith(namespace) &&
  !isReservedStreamId(streamName.slice(namespace.length));

interface Envelope {
  readonly position: number;
  readonly revision: number;
  readonly recordedAt: string;
  readonly hash: string;
  readonly prevHash: string;
  /** canonicalJson of the port's metadata: the exact text the hash covered. */
  readonly metadata: string;
}

export const encodeEvent = (e: RecordedEvent): JSONEventData => ({
  id: e.id,
  contentType: 'application/json',
  type: e.type,
  // JSON.stringify(undefined) would send no body; the SQL adapters store absent data as null.
  data: (e.data === undefined ? null : e.data) as JSONEventData['data'],
  metadata: {
    [ENVELOPE_KEY]: JSON.stringify({
      position: e.position,
      revision: e.revision,
      recordedAt: e.recordedAt.toISOString(),
      hash: e.hash,
      prevHash: e.prevHash,
      metadata: JSON.stringify(e.metadata),
    } satisfies Envelope),
  },
});

const readEnvelope = (metadata: unknown): Envelope | null => {
  let value = metadata;
  if (value instanceof Uint8Array) value = value.length === 0 ? null : JSON.parse(Buffer.from(value).toString('utf8'));
  if (value === null || typeof value !== 'object') return null;
  const raw = (value as Record<string, unknown>)[ENVELOPE_KEY];
  return typeof raw === 'string' ? (JSON.parse(raw) as Envelope) : null;
};

/**
 * `recordedAt` is the append-time clock kept in the envelope, not the server's `created`:
 * the hash covers it and has to be computed before the server assigns `created`. `created`
 * only fills in for an envelope without one.
 */
export const decodeEvent = (raw: KurrentRecordedEvent, namespace: string): RecordedEvent => {
  const envelope = readEnvelope(raw.metadata);
  if (!envelope) {
    throw new Error(`Event ${raw.id} in ${raw.streamId} has no "${ENVELOPE_KEY}" metadata: not written by this adapter`);
  }
  const data = raw.data instanceof Uint8Array ? JSON.parse(Buffer.from(raw.data).toString('utf8')) : raw.data;
  return {
    id: raw.id,
    type: raw.type,
    data,
    metadata: JSON.parse(envelope.metadata) as RecordedEvent['metadata'],
    position: envelope.position,
    streamId: raw.streamId.slice(namespace.length),
    revision: Number(raw.revision),
    recordedAt: envelope.recordedAt ? new Date(envelope.recordedAt) : raw.created,
    hash: envelope.hash,
    prevHash: envelope.prevHash,
  };
};

/** One committed append, as recorded on the head stream (head revision r = r-th append). */
export interface HeadEntry {
  /** Global position of the batch's last event. */
  readonly position: number;
  readonly hash: string;
  readonly count: number;
  readonly streamId: string;
  readonly firstRevision: number;
}

/**
 * Where global position `position` lives: binary search over the head stream's entries
 * (they are in position order), O(log appends) single-event reads.
 */
export const locateEvent = async (
  position: number,
  lastHeadRevision: number,
  readEntry: (headRevision: number) => Promise<HeadEntry>,
): Promise<{ streamId: string; revision: number } | null> => {
  let lo = 0;
  let hi = lastHeadRevision;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const entry = await readEntry(mid);
    const first = entry.position - entry.count + 1;
    if (position < first) hi = mid - 1;
    else if (position > entry.position) lo = mid + 1;
    else return { streamId: entry.streamId, revision: entry.firstRevision + (position - first) };
  }
  return null;
};

/**
 * An import split into runs of consecutive events of one stream. Each run is one
 * multiStreamAppend, as an append is: the order of events within one multi-stream append
 * across streams is not position order, and $all order must stay position order.
 */
export const importRuns = (events: readonly RecordedEvent[]): RecordedEvent[][] => {
  const runs: RecordedEvent[][] = [];
  for (const e of events) {
    const run = runs.at(-1);
    if (run && run[0]!.streamId === e.streamId) run.push(e);
    else runs.push([e]);
  }
  return runs;
};

/** What an id-claim stream holds: where the event with that id is stored. */
export interface IdClaim {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
}

/** One stream's part of an append: its events, already numbered and chained, after revision `current`. */
export interface ChainedPart {
  readonly streamId: string;
  readonly current: number;
  readonly recorded: readonly RecordedEvent[];
}

/**
 * The requests of one atomic multiStreamAppend: each part's events at the revision read
 * before, one head entry per part on the head stream at its last revision, and one
 * NO_STREAM id claim per event (see kurrentdbEventStore.ts).
 */
export const appendRequestsOf = (
  streamName: (streamId: string) => string,
  parts: readonly ChainedPart[],
  headRevision: number | 'no_stream',
): AppendStreamRequest[] => [
  ...parts.map((p) => ({ streamName: streamName(p.streamId), expectedState: toStreamState(p.current), events: p.recorded.map(encodeEvent) })),
  {
    streamName: streamName(HEAD_STREAM),
    expectedState: toStreamState(headRevision),
    events: parts.map((p) => {
      const last = p.recorded.at(-1)!;
      const entry: HeadEntry = { position: last.position, hash: last.hash, count: p.recorded.length, streamId: p.streamId, firstRevision: p.current + 1 };
      return { id: randomUUID(), contentType: 'application/json' as const, type: HEAD_EVENT_TYPE, data: { ...entry }, metadata: undefined };
    }),
  },
  ...parts.flatMap((p) =>
    p.recorded.map(
      (e): AppendStreamRequest => ({
        streamName: streamName(ID_STREAM_PREFIX + e.id),
        expectedState: NO_STREAM,
        events: [{ id: randomUUID(), contentType: 'application/json', type: ID_EVENT_TYPE, data: { streamId: p.streamId, revision: e.revision, position: e.position } satisfies IdClaim, metadata: undefined }],
      }),
    ),
  ),
];
