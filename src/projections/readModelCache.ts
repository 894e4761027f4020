/**
 * Values derived from read models, kept in memory between requests and dropped from the
 * events as the projections commit them: an entry is gone before the commit that changes
 * its rows is announced to waiters (read-your-writes), so the next request after a
 * mutation, a lock or a revocation reads fresh rows.
 *
 * Only used while this instance runs every projection the value is derived from: on a
 * standby another instance applies the events, so this one could not drop entries in
 * time, and reads go to the database as before.
 */
import type { RecordedEvent } from '../eventstore/port.js';
import type { Projection } from './projection.js';

export interface ReadModelCacheOptions<K> {
  /** The projections whose tables the cached values are read from. */
  readonly projections: readonly Projection[];
  /** Keys an event may change; `'all'` when it cannot say (the whole cache is dropped). */
  readonly keysOf: (event: RecordedEvent) => readonly K[] | 'all';
  /** @default 10 000 */
  readonly maxEntries?: number;
}

/** What a cache needs from the runner. */
export interface CommitSource {
  /** Called with each committed batch (live and rebuild), before waiters are settled. */
  onCommitted(listener: (events: readonly RecordedEvent[]) => void): void;
  /** Whether this instance is running all of these projections right now. */
  isRunningHere(names: readonly string[]): boolean;
}

export class ReadModelCache<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly types: ReadonlySet<string>;
  private readonly names: readonly string[];
  private readonly maxEntries: number;
  /** Bumped by every invalidation, so a load that raced one is not stored. */
  private generation = 0;
  private source: CommitSource | null = null;

  constructor(private readonly options: ReadModelCacheOptions<K>) {
    this.types = new Set(options.projections.flatMap((p) => p.eventTypes));
    this.names = options.projections.map((p) => p.name);
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  attach(source: CommitSource): void {
    this.source = source;
    source.onCommitted((events) => this.committed(events));
  }

  async get(key: K, load: () => Promise<V>): Promise<V> {
    if (!this.usable()) {
      this.entries.clear();
      return load();
    }
    if (this.entries.has(key)) return this.entries.get(key)!;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.usable()) this.store(key, value);
    return value;
  }

  /** `get` for many keys; the missing ones are loaded together (a DataLoader batch). */
  async getMany(keys: readonly K[], loadMany: (missing: readonly K[]) => Promise<ReadonlyMap<K, V>>): Promise<Map<K, V>> {
    const usable = this.usable();
    if (!usable) this.entries.clear();
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of keys) {
      if (usable && this.entries.has(key)) found.set(key, this.entries.get(key)!);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    const generation = this.generation;
    const loaded = await loadMany(missing);
    const keep = usable && generation === this.generation && this.usable();
    for (const key of missing) {
      if (!loaded.has(key)) continue;
      found.set(key, loaded.get(key)!);
      if (keep) this.store(key, loaded.get(key)!);
    }
    return found;
  }

  private store(key: K, value: V): void {
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  private usable(): boolean {
    return this.source?.isRunningHere(this.names) ?? false;
  }

  private committed(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      if (!this.types.has(event.type)) continue;
      this.generation += 1;
      const keys = this.options.keysOf(event);
      if (keys === 'all') {
        this.entries.clear();
        return;
      }
      for (const key of keys) this.entries.delete(key);
    }
  }
}

/** `data.<field>` when the event carries it as a string or number, else `'all'`. */
export const keyFromData =
  <K extends string | number>(field: string) =>
  (event: RecordedEvent): readonly K[] | 'all' => {
    const value = (event.data as Record<string, unknown> | null)?.[field];
    return typeof value === 'string' || typeof value === 'number' ? [value as K] : 'all';
  };
