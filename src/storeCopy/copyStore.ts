import { existsSync } from 'node:fs';
import { verifyStoreChain } from '../app/audit/chainVerification.js';
import { createReadModelDb, type ReadModelDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { illegalState } from '../domain/shared/errors.js';
import { canImport, type EventImporter } from '../eventstore/eventImport.js';
import { KurrentDbEventStore } from '../eventstore/kurrentdb/kurrentdbEventStore.js';
import { PostgresEventStore } from '../eventstore/postgres/postgresEventStore.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqliteEventStore.js';
import { copyDataKeys, type DataKeyCopy } from './dataKeys.js';
import { copyOperationalState, type OperationalStateCopy } from './operationalState.js';
import { describeLocation, type ReadModelLocation, readModelLocation, sameStore, type StoreLocation } from './storeUrl.js';

export interface CopyProgress {
  /** `state`: the operational read-model tables, counted in rows of `table`. */
  readonly phase: 'compare' | 'copy' | 'verify' | 'state';
  readonly done: number;
  readonly total: number;
  /** Rows per second in the `state` phase. */
  readonly eventsPerSecond: number;
  readonly table?: string;
}

export interface CopyStoreOptions {
  readonly from: StoreLocation;
  readonly to: StoreLocation;
  /** PostgreSQL URL of the read models when a side is KurrentDB (where the vault's data keys are). */
  readonly fromReadModels?: string;
  readonly toReadModels?: string;
  /** Events per read and per import transaction; also rows per batch of the operational state (at most 500). @default 2000 */
  readonly batchSize?: number;
  /** Stop after copying this many events in this run (a partial copy, resumable). */
  readonly limit?: number;
  /** Stops after the batch in flight (Ctrl-C); the target stays a resumable partial copy. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CopyProgress) => void;
}

export interface CopySummary {
  /**
   * `complete`: verified, the data keys and the operational state copied; `partial`: stopped
   * by limit or signal (during the events or the operational state), re-run to resume.
   */
  readonly status: 'complete' | 'partial';
  readonly sourceHead: number;
  readonly targetHead: number;
  /** Events already in the target from an earlier partial copy, checked against the source. */
  readonly resumedAfter: number;
  readonly copied: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  readonly lastHash: string | null;
  readonly dataKeys: DataKeyCopy | null;
  /** Rows per operational table (src/storeCopy/operationalTables.ts); null until the events are complete. */
  readonly operationalState: OperationalStateCopy | null;
}

const openStore = async (location: StoreLocation, role: 'source' | 'target'): Promise<EventStore> => {
  switch (location.kind) {
    case 'sqlite':
      // Opening a missing source would create an empty one, hiding a typo in the path.
      if (role === 'source' && !existsSync(location.eventsPath)) throw illegalState(`No event store at ${location.eventsPath}`);
      // A copy is re-run after a crash anyway (resumable), so it skips syncing every commit.
      return new SqliteEventStore({ path: location.eventsPath, synchronous: role === 'target' ? 'NORMAL' : 'FULL' });
    case 'postgres':
      // Read-only: a typo in --from must not create the adapter's tables in someone's database.
      return PostgresEventStore.create({ connectionString: location.connectionString, maxConnections: 2, readOnly: role === 'source' }).catch((err: unknown) => {
        throw role === 'source' && (err as Error).message.startsWith('No Mailroom event store') ? illegalState(`No event store at ${describeLocation(location)}: it has no Mailroom events table`) : err;
      });
    case 'kurrentdb':
      return new KurrentDbEventStore({ connectionString: location.connectionString });
  }
};

const rate = (events: number, ms: number) => (ms > 0 ? (events * 1000) / ms : 0);

/**
 * How many leading target events are a copy of the source (all of them, or a refusal):
 * by position, event id and hash. The hash covers the previous hash, so equal hashes at
 * every position mean equal chains; the id check gives a readable refusal message.
 */
const checkPartialCopy = async (
  source: EventStore,
  target: EventStore,
  targetHead: number,
  sourceHead: number,
  batchSize: number,
  onProgress?: CopyStoreOptions['onProgress'],
): Promise<void> => {
  if (targetHead > sourceHead) {
    throw illegalState(`The target is not empty (${targetHead} events) and holds more events than the source (${sourceHead}): not a partial copy of it`);
  }
  const started = Date.now();
  for (let next = 1; next <= targetHead; ) {
    const max = Math.min(batchSize, targetHead - next + 1);
    const [a, b] = await Promise.all([source.readAll({ fromPosition: next, max }), target.readAll({ fromPosition: next, max })]);
    for (let i = 0; i < max; i++) {
      const s = a[i];
      const t = b[i];
      if (!s || !t || s.position !== next + i || t.position !== next + i || s.id !== t.id || s.hash !== t.hash) {
        throw illegalState(
          `The target is not empty (${targetHead} events) and is not a partial copy of this source: position ${next + i} differs. Use an empty target.`,
        );
      }
    }
    next += max;
    onProgress?.({ phase: 'compare', done: next - 1, total: targetHead, eventsPerSecond: rate(next - 1, Date.now() - started) });
  }
};

/**
 * Copies every event of `from` in position order into `to` with ids, streams, revisions,
 * times and hashes unchanged, then verifies the target's whole chain and that it ends at the
 * source's head and hash, then copies the vault's data keys and the operational read-model
 * tables (messages, fetch state, OAuth tokens, notices: operationalTables.ts). Projection
 * tables are not copied: a server on the target rebuilds them from the events when it starts.
 */
export const copyStore = async (options: CopyStoreOptions): Promise<CopySummary> => {
  const { from, to, onProgress } = options;
  const batchSize = options.batchSize ?? 2000;
  if (sameStore(from, to)) throw illegalState(`Source and target are the same store (${describeLocation(from)})`);
  // Resolve the read-model locations before touching anything, so a missing option fails first.
  const fromReadModels = readModelLocation(from, options.fromReadModels, '--from-read-models');
  const toReadModels = readModelLocation(to, options.toReadModels, '--to-read-models');

  const source = await openStore(from, 'source');
  let target: EventStore | null = null;
  let open = true;
  const closeStores = async () => {
    if (!open) return;
    open = false;
    await Promise.all([source.close(), target?.close()]);
  };
  try {
    target = await openStore(to, 'target');
    if (!canImport(target)) throw illegalState(`The ${target.kind} adapter cannot import recorded events`);
    const importer: EventStore & EventImporter = target;
    const sourceHead = await source.headPosition();
    if (sourceHead === 0) throw illegalState(`The source ${describeLocation(from)} has no events`);
    const resumedAfter = await importer.headPosition();
    if (resumedAfter > 0) await checkPartialCopy(source, importer, resumedAfter, sourceHead, batchSize, onProgress);

    const started = Date.now();
    const remaining = sourceHead - resumedAfter;
    const toCopy = Math.min(remaining, options.limit ?? remaining);
    let copied = 0;
    const read = (fromPosition: number): Promise<RecordedEvent[]> =>
      fromPosition > resumedAfter + toCopy
        ? Promise.resolve([])
        : source.readAll({ fromPosition, max: Math.min(batchSize, resumedAfter + toCopy - fromPosition + 1) });
    let batch = await read(resumedAfter + 1);
    while (copied < toCopy && !options.signal?.aborted) {
      const expected = resumedAfter + copied + 1;
      if (batch.length === 0 || batch[0]!.position !== expected) {
        throw illegalState(`The source has no event at position ${expected} although its head is ${sourceHead}: its positions have a gap`);
      }
      const last = batch.at(-1)!.position;
      // Read the next batch while this one is written.
      const next = read(last + 1);
      next.catch(() => {});
      await importer.importRecorded(batch);
      copied += batch.length;
      onProgress?.({ phase: 'copy', done: resumedAfter + copied, total: sourceHead, eventsPerSecond: rate(copied, Date.now() - started) });
      batch = await next;
    }
    const elapsedMs = Date.now() - started;
    const targetHead = await importer.headPosition();
    const summary = { sourceHead, targetHead, resumedAfter, copied, elapsedMs, eventsPerSecond: rate(copied, elapsedMs) };
    if (targetHead < sourceHead) return { ...summary, status: 'partial', lastHash: null, dataKeys: null, operationalState: null };

    const lastHash = await verifyTarget(source, importer, sourceHead, batchSize, onProgress);
    await closeStores();
    const readModels = await openReadModels(fromReadModels, toReadModels);
    try {
      const dataKeys = await copyDataKeys({ store: from, db: readModels.source?.db ?? null }, { store: to, db: readModels.target.db });
      const stateStarted = Date.now();
      const operationalState = await copyOperationalState(readModels.source, readModels.target, {
        batchSize: Math.min(batchSize, 500),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (p) => onProgress?.({ phase: 'state', table: p.table, done: p.done, total: p.total, eventsPerSecond: rate(p.done, Date.now() - stateStarted) }),
      });
      return { ...summary, status: operationalState.complete ? 'complete' : 'partial', lastHash, dataKeys, operationalState };
    } finally {
      await Promise.all([readModels.source?.destroy(), readModels.target.destroy()]);
    }
  } finally {
    await closeStores();
  }
};

const openReadModel = (location: ReadModelLocation): Promise<ReadModelDatabase> =>
  location.kind === 'sqlite'
    ? createReadModelDb({ kind: 'sqlite', path: location.path })
    : createReadModelDb({ kind: 'postgres', connectionString: location.connectionString, poolSize: 2 });

/**
 * Both read-model databases, the target migrated to the latest schema. The source is null
 * when it is an SQLite data dir whose server never started: it has no read models, and
 * opening the file would create an empty one in the source.
 */
const openReadModels = async (from: ReadModelLocation, to: ReadModelLocation) => {
  const source = from.kind === 'sqlite' && !existsSync(from.path) ? null : await openReadModel(from);
  const target = await openReadModel(to).catch(async (err: unknown) => {
    await source?.destroy();
    throw err;
  });
  await migrateToLatest(target.db).catch(async (err: unknown) => {
    await Promise.all([source?.destroy(), target.destroy()]);
    throw err;
  });
  return { source, target };
};

/** The `audit verify` check over the whole target, then its head against the source's. */
const verifyTarget = async (
  source: EventStore,
  target: EventStore,
  sourceHead: number,
  batchSize: number,
  onProgress?: CopyStoreOptions['onProgress'],
): Promise<string> => {
  const started = Date.now();
  const verification = await verifyStoreChain(target, {
    batchSize,
    onProgress: (done, total) => onProgress?.({ phase: 'verify', done, total, eventsPerSecond: rate(done, Date.now() - started) }),
  });
  if (!verification.ok) {
    throw illegalState(`Verification of the target failed: hash chain broken at position ${verification.firstBrokenPosition} (${verification.reason})`);
  }
  const [targetHead, sourceNow] = await Promise.all([target.headPosition(), source.headPosition()]);
  if (sourceNow !== sourceHead) {
    throw illegalState(
      `The source grew from ${sourceHead} to ${sourceNow} events during the copy: stop the server on the source, then run the same command again to copy the rest`,
    );
  }
  if (targetHead !== sourceHead || verification.toPosition !== sourceHead) {
    throw illegalState(`Verification of the target failed: its head is ${targetHead}, the source's is ${sourceHead}`);
  }
  const [s] = await source.readAll({ fromPosition: sourceHead, max: 1 });
  const [t] = await target.readAll({ fromPosition: sourceHead, max: 1 });
  if (!s || !t || s.hash !== t.hash || s.id !== t.id) {
    throw illegalState(`Verification of the target failed: the last hash at position ${sourceHead} differs from the source's`);
  }
  return t.hash;
};
