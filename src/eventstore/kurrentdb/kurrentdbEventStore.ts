import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  streamNameFilter,
  type AllStreamSubscription,
  type Position,
  type ReadPosition,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, illegalState } from '../../domain/shared/errors.js';
import { assertAppendable, assertAppendableMany, foreignEventIdError } from '../appendValidation.js';
import { checkImportRevisions, type EventImporter, prepareImport, streamsOf } from '../eventImport.js';
import { checkExpectedRevision } from '../expectedRevision.js';
import { GENESIS_HASH, computeEventHash } from '../hashChain.js';
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
import { trackSubscription } from '../subscription.js';
import {
  HEAD_STREAM,
  ID_STREAM_PREFIX,
  assertWritableStreamId,
  decodeEvent,
  appendRequestsOf,
  importRuns,
  isProductEvent,
  locateEvent,
  productStreamRegex,
  translateAppendError,
  type HeadEntry,
  type IdClaim,
} from './kurrentdbMapping.js';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://127.0.0.1:2113?tls=false`. */
  readonly connectionString: string;
  /**
   * Prefix of every stream this store writes and reads, so several stores (or test runs)
   * share one server without seeing each other. @default ''
   */
  readonly namespace?: string;
  /** Appends retried when another appender moved the global head first. @default 200 */
  readonly maxHeadRetries?: number;
}

const POSITION_CACHE_SIZE = 1024;

/**
 * Event store on KurrentDB (EventStoreDB's successor); needs a server with multi-stream
 * append (KurrentDB 25.1 or later).
 *
 * Why the extra streams: the port promises gapless global positions from 1 and one global
 * hash chain, which $all does not give (its positions are byte offsets, and appends from
 * several servers are not ordered by us). Every append is therefore one atomic
 * multiStreamAppend of
 * - the events, to their stream, at the revision read just before (our own check of the
 *   caller's expected revision runs on that read),
 * - one entry on `mailroom-head` at its last revision: appends are serialised by this
 *   optimistic check (a loser re-reads and retries), which lets the adapter number positions
 *   and extend the hash chain itself, and $all order equals position order,
 * - one `mailroom-id-<uuid>` stream per event created with NO_STREAM, which makes event ids
 *   unique across streams and lets a re-append find the original batch.
 * Limits: every append pays two reads and writes n+1 bookkeeping events, and all appenders
 * contend on one head stream, so throughput is bounded like the SQL adapters' head lock.
 * Mapping a global position to $all is a binary search over head entries (cached for the
 * next page); tamper evidence is the same sha256 chain as with SQL, verifiable by verifyChain.
 */
export class KurrentDbEventStore implements EventStore, EventImporter {
  readonly kind = 'kurrentdb';
  private readonly client: KurrentDBClient;
  private readonly namespace: string;
  private readonly subscriptions = new Set<EventSubscription>();
  /** Global position → $all position of that event, for the next page of readAll. */
  private readonly allPositions = new Map<number, Position>();

  constructor(private readonly options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.namespace = options.namespace ?? '';
  }

  private stream(streamId: string): string {
    return this.namespace + streamId;
  }

  private readonly name = (streamId: string): string => this.stream(streamId);

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expectedRevision = options.expectedRevision ?? 'any';
    assertAppendable(streamId, events, expectedRevision);
    assertWritableStreamId(streamId);
    const maxRetries = this.options.maxHeadRetries ?? 200;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      const [head, current] = await Promise.all([this.readHead(), this.lastRevision(streamId)]);
      try {
        checkExpectedRevision(streamId, expectedRevision, current);
      } catch (err) {
        // A re-append of a stored batch succeeds whatever the stream's revision is now.
        const stored = await this.storedBatch(streamId, events);
        if (stored) return stored;
        throw err;
      }
      const recorded = this.chain(streamId, events, head, current);
      try {
        await this.client.multiStreamAppend(appendRequestsOf(this.name, [{ streamId, current, recorded }], head ? head.headRevision : 'no_stream'));
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError)) throw translateAppendError(err, streamId, expectedRevision);
        const stored = await this.storedBatch(streamId, events);
        if (stored) return stored;
        // The head or the stream moved since our reads: re-read and decide again.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, attempt)));
        continue;
      }
      const last = recorded.at(-1)!;
      return { nextExpectedRevision: last.revision, position: last.position };
    }
    throw new ConcurrencyError(streamId, String(expectedRevision), `unknown: the global head kept moving for ${maxRetries} retries`);
  }

  /**
   * Several streams in one multiStreamAppend: every part's events at the revision read
   * just before, one head entry per part (contiguous positions, one chain), the id claims
   * of all events. Any part's conflict refuses the whole request, as for one stream.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertAppendableMany(appends);
    for (const a of appends) assertWritableStreamId(a.streamId);
    const maxRetries = this.options.maxHeadRetries ?? 200;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      const [head, currents] = await Promise.all([this.readHead(), Promise.all(appends.map((a) => this.lastRevision(a.streamId)))]);
      const stored = await this.checkParts(appends, currents);
      if (stored) return stored;
      let tip: HeadEntry | null = head;
      const parts = appends.map((a, i) => {
        const recorded = this.chain(a.streamId, a.events, tip, currents[i]!);
        const last = recorded.at(-1)!;
        tip = { position: last.position, hash: last.hash, count: recorded.length, streamId: a.streamId, firstRevision: currents[i]! + 1 };
        return { streamId: a.streamId, current: currents[i]!, recorded };
      });
      const requests = appendRequestsOf(this.name, parts, head ? head.headRevision : 'no_stream');
      try {
        await this.client.multiStreamAppend(requests);
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError)) throw translateAppendError(err, appends[0]!.streamId, appends[0]!.expectedRevision ?? 'any');
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, attempt)));
        continue;
      }
      return parts.map((p) => ({ nextExpectedRevision: p.recorded.at(-1)!.revision, position: p.recorded.at(-1)!.position }));
    }
    throw new ConcurrencyError(appends[0]!.streamId, String(appends[0]!.expectedRevision ?? 'any'), `unknown: the global head kept moving for ${maxRetries} retries`);
  }

  /** The stored results when every part is a re-append of a stored batch; throws when a part's revision does not fit; null: append. */
  private async checkParts(appends: readonly StreamAppend[], currents: readonly number[]): Promise<AppendResult[] | null> {
    const stored = await Promise.all(appends.map((a) => this.storedBatch(a.streamId, a.events)));
    if (stored.every((r) => r !== null)) return stored as AppendResult[];
    appends.forEach((a, i) => {
      if (stored[i] !== null) throw foreignEventIdError(a.events[0]!.id);
      checkExpectedRevision(a.streamId, a.expectedRevision ?? 'any', currents[i]!);
    });
    return null;
  }

  private chain(streamId: string, events: readonly NewEvent[], head: HeadEntry | null, current: number): RecordedEvent[] {
    const recordedAt = new Date();
    let prevHash = head?.hash ?? GENESIS_HASH;
    const base = head?.position ?? 0;
    return events.map((e, i) => {
      const content = {
        id: e.id,
        type: e.type,
        data: e.data === undefined ? null : e.data,
        metadata: e.metadata,
        streamId,
        position: base + i + 1,
        revision: current + i + 1,
        recordedAt,
      };
      const hash = computeEventHash(prevHash, content);
      const event = { ...content, hash, prevHash };
      prevHash = hash;
      return event;
    });
  }

  /**
   * Writes the events as appends would have (events, head entry, id claims), one
   * multiStreamAppend per run of one stream (see importRuns), each expecting the head and
   * stream revisions it continues: so the import is atomic per run, not per call, and an
   * interrupted import leaves a valid shorter chain that a resumed copy continues.
   */
  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    const head = await this.readHead();
    prepareImport(events, { position: head?.position ?? 0, hash: head?.hash ?? GENESIS_HASH });
    for (const e of events) assertWritableStreamId(e.streamId);
    // Every stream's revision up front and concurrently, so the whole call is checked before
    // its first run is written, without one round trip per run.
    const current = new Map(await Promise.all(streamsOf(events).map(async (s) => [s, await this.lastRevision(s)] as const)));
    checkImportRevisions(events, (streamId) => current.get(streamId)!);
    let headState: { headRevision: number } | null = head;
    for (const run of importRuns(events)) {
      const streamId = run[0]!.streamId;
      try {
        await this.client.multiStreamAppend(appendRequestsOf(this.name, [{ streamId, current: run[0]!.revision - 1, recorded: run }], headState ? headState.headRevision : 'no_stream'));
      } catch (err) {
        if (err instanceof WrongExpectedVersionError) {
          throw illegalState(`The target store changed during the import at position ${run[0]!.position}; another writer is using it`);
        }
        throw err;
      }
      headState = { headRevision: (headState?.headRevision ?? -1) + 1 };
    }
  }

  /**
   * The original result when `events` is exactly a stored run of `streamId`; null when
   * none of the ids is stored; VALIDATION when some are stored elsewhere or differently.
   */
  private async storedBatch(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | null> {
    const claims = await Promise.all(
      events.map(async (e) => (await this.readOne<IdClaim>(this.stream(ID_STREAM_PREFIX + e.id), START))?.data ?? null),
    );
    if (claims.every((c) => c === null)) return null;
    const first = claims[0];
    const same =
      first != null &&
      claims.every(
        (c, i) => c !== null && c.streamId === streamId && c.revision === first.revision + i && c.position === first.position + i,
      );
    if (!same) throw foreignEventIdError(events[claims.findIndex((c) => c !== null)]!.id);
    const last = claims.at(-1)!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  private async readOne<T>(
    streamName: string,
    from: bigint | typeof START | typeof END,
  ): Promise<{ data: T; revision: number; position: Position | undefined } | null> {
    try {
      for await (const r of this.client.readStream(streamName, {
        fromRevision: from,
        direction: from === END ? BACKWARDS : FORWARDS,
        maxCount: 1,
      })) {
        if (!r.event) continue;
        return { data: r.event.data as T, revision: Number(r.event.revision), position: r.event.position };
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return null;
      throw err;
    }
    return null;
  }

  private async readHead(): Promise<(HeadEntry & { headRevision: number }) | null> {
    const last = await this.readOne<HeadEntry>(this.stream(HEAD_STREAM), END);
    return last ? { ...last.data, headRevision: last.revision } : null;
  }

  private async lastRevision(streamId: string): Promise<number> {
    return (await this.readOne(this.stream(streamId), END))?.revision ?? -1;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const out: RecordedEvent[] = [];
    try {
      for await (const r of this.client.readStream(this.stream(streamId), {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.from !== undefined ? BigInt(options.from) : backwards ? END : START,
        ...(options.max !== undefined ? { maxCount: options.max } : {}),
      })) {
        if (r.event && isProductEvent(r.event.streamId, r.event.type, this.namespace)) {
          out.push(decodeEvent(r.event, this.namespace));
        }
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw err;
    }
    return out;
  }

  /**
   * The $all position to read from so that nothing before global position `position` is
   * missed: that of the event just before it (reads from there include it; callers drop
   * it by our position), or START.
   */
  private async allPositionBefore(position: number): Promise<ReadPosition> {
    const head = await this.readHead();
    const before = Math.min(position - 1, head?.position ?? 0);
    if (before < 1 || !head) return START;
    const cached = this.allPositions.get(before);
    if (cached) return cached;
    const located = await locateEvent(before, head.headRevision, async (r) => {
      const entry = await this.readOne<HeadEntry>(this.stream(HEAD_STREAM), BigInt(r));
      if (!entry) throw new Error(`Head entry ${r} of ${this.stream(HEAD_STREAM)} is missing`);
      return entry.data;
    });
    const event = located && (await this.readOne(this.stream(located.streamId), BigInt(located.revision)));
    // Without a commit position (not expected from 25.x) a scan from START stays correct, only slower.
    return event?.position ?? START;
  }

  private remember(event: RecordedEvent, position: Position | undefined): void {
    if (!position) return;
    if (this.allPositions.size >= POSITION_CACHE_SIZE) this.allPositions.delete(this.allPositions.keys().next().value!);
    this.allPositions.set(event.position, position);
  }

  private toProductEvent(raw: KurrentRecordedEvent | undefined): RecordedEvent | null {
    if (!raw || !isProductEvent(raw.streamId, raw.type, this.namespace)) return null;
    const event = decodeEvent(raw, this.namespace);
    this.remember(event, raw.position);
    return event;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = Math.max(1, options.fromPosition ?? 1);
    const max = options.max ?? 1000;
    const out: RecordedEvent[] = [];
    for await (const r of this.client.readAll({
      fromPosition: await this.allPositionBefore(from),
      maxCount: max + 1,
      filter: streamNameFilter({ regex: productStreamRegex(this.namespace) }),
    })) {
      const event = this.toProductEvent(r.event);
      if (!event || event.position < from) continue;
      out.push(event);
      if (out.length === max) break;
    }
    return out;
  }

  /** A native catch-up subscription to $all, filtered on the server to this store's streams. */
  subscribe(options: SubscribeOptions = {}): EventSubscription {
    const from = Math.max(1, options.fromPosition ?? 1);
    const types = options.eventTypes ? new Set(options.eventTypes) : null;
    let closed = false;
    let native: AllStreamSubscription | null = null;
    const open = async (): Promise<AllStreamSubscription> => {
      const fromPosition = await this.allPositionBefore(from);
      return this.client.subscribeToAll({
        fromPosition,
        filter: streamNameFilter({ regex: productStreamRegex(this.namespace) }),
      });
    };
    const self = this;
    async function* iterate(): AsyncGenerator<RecordedEvent> {
      const subscription = await open();
      native = subscription;
      if (closed) await subscription.unsubscribe();
      for await (const r of subscription) {
        if (closed) break;
        const event = self.toProductEvent(r.event);
        if (!event || event.position < from || (types && !types.has(event.type))) continue;
        yield event;
      }
    }
    const iterator = iterate();
    return trackSubscription(this.subscriptions, {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        await native?.unsubscribe();
        await iterator.return(undefined);
      },
    });
  }

  async headPosition(): Promise<number> {
    return (await this.readHead())?.position ?? 0;
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ maxCount: 1 })) break;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }
}
