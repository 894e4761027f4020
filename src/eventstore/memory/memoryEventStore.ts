import { assertAppendable, assertAppendableMany, foreignEventIdError } from '../appendValidation.js';
import { checkImportRevisions, type EventImporter, prepareImport } from '../eventImport.js';
import { checkExpectedRevision } from '../expectedRevision.js';
import { canonicalJson, computeEventHash, GENESIS_HASH } from '../hashChain.js';
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
import { AppendNotifier, catchUpSubscription } from '../subscription.js';

/** What a JSON column gives back, so memory-backed tests see what the SQL adapters return. */
const asStoredJson = (value: unknown): unknown => JSON.parse(canonicalJson(value === undefined ? null : value));

/** In-process store for unit tests and tools; same contract as the SQL adapters. */
export class MemoryEventStore implements EventStore, EventImporter {
  readonly kind = 'memory';
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  /** Event id to stream id: ids are unique across the store, as in the SQL adapters. */
  private readonly streamOfId = new Map<string, string>();
  private readonly notifier = new AppendNotifier();

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expectedRevision = options.expectedRevision ?? 'any';
    assertAppendable(streamId, events, expectedRevision);
    return this.appendNow(streamId, events, expectedRevision);
  }

  /** Synchronous, so concurrent calls cannot interleave. */
  private appendNow(streamId: string, events: readonly NewEvent[], expectedRevision: NonNullable<AppendOptions['expectedRevision']>): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    const existing = stream.find((e) => e.id === events[0]!.id);
    if (existing) {
      const last = stream.find((e) => e.id === events[events.length - 1]!.id) ?? existing;
      return { nextExpectedRevision: last.revision, position: last.position };
    }
    const current = stream.length - 1;
    checkExpectedRevision(streamId, expectedRevision, current);
    const foreign = events.find((e) => this.streamOfId.has(e.id));
    if (foreign) throw foreignEventIdError(foreign.id);
    let prevHash = this.all.at(-1)?.hash ?? GENESIS_HASH;
    const recordedAt = new Date();
    events.forEach((e, i) => {
      const content = {
        position: this.all.length + 1,
        streamId,
        revision: current + 1 + i,
        id: e.id,
        type: e.type,
        data: asStoredJson(e.data),
        metadata: asStoredJson(e.metadata) as RecordedEvent['metadata'],
        recordedAt,
      };
      const hash = computeEventHash(prevHash, content);
      const recorded: RecordedEvent = { ...content, hash, prevHash };
      prevHash = hash;
      this.all.push(recorded);
      stream.push(recorded);
      this.streamOfId.set(e.id, streamId);
    });
    this.streams.set(streamId, stream);
    this.notifier.notify();
    const last = stream.at(-1)!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  /** Every part is checked before any is stored: nothing else runs in between (one synchronous turn). */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertAppendableMany(appends);
    for (const a of appends) {
      const stream = this.streams.get(a.streamId) ?? [];
      if (stream.some((e) => e.id === a.events[0]!.id)) continue;
      checkExpectedRevision(a.streamId, a.expectedRevision ?? 'any', stream.length - 1);
      const foreign = a.events.find((e) => this.streamOfId.has(e.id));
      if (foreign) throw foreignEventIdError(foreign.id);
    }
    // No await between the check and the writes: nothing can interleave.
    return appends.map((a) => this.appendNow(a.streamId, a.events, a.expectedRevision ?? 'any'));
  }

  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    const last = this.all.at(-1);
    const prepared = prepareImport(events, { position: last?.position ?? 0, hash: last?.hash ?? GENESIS_HASH });
    checkImportRevisions(events, (streamId) => (this.streams.get(streamId)?.length ?? 0) - 1);
    const foreign = events.find((e) => this.streamOfId.has(e.id));
    if (foreign) throw foreignEventIdError(foreign.id);
    for (const { e, dataJson, metadataJson } of prepared) {
      const recorded: RecordedEvent = { ...e, data: JSON.parse(dataJson), metadata: JSON.parse(metadataJson), recordedAt: new Date(e.recordedAt) };
      this.all.push(recorded);
      const stream = this.streams.get(e.streamId) ?? [];
      stream.push(recorded);
      this.streams.set(e.streamId, stream);
      this.streamOfId.set(e.id, e.streamId);
    }
    this.notifier.notify();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    const max = options.max ?? Infinity;
    if (options.direction === 'backwards') {
      const from = options.from ?? stream.length - 1;
      return stream.filter((e) => e.revision <= from).reverse().slice(0, max);
    }
    const from = options.from ?? 0;
    return stream.filter((e) => e.revision >= from).slice(0, max);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = Math.max(1, options.fromPosition ?? 1);
    return this.all.slice(from - 1, from - 1 + (options.max ?? 1000));
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    return catchUpSubscription({ readAll: (o) => this.readAll(o), notifier: this.notifier }, options);
  }

  async headPosition(): Promise<number> {
    return this.all.length;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
