/**
 * Rebuild read models from scratch: empty the projections' tables, reset their checkpoints
 * and replay the whole store with large batches read straight from `readAll`.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import { advanceCheckpoints, setCheckpoint } from './checkpoints.js';
import type { Projection } from './projection.js';
import { ProjectionApplyError } from './worker.js';

export interface RebuildProgress {
  /** Last position replayed and committed. */
  readonly position: number;
  /** Store head when the rebuild started (or `position`, once appends overtake it). */
  readonly head: number;
  /** Events read from the store so far. */
  readonly events: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

export interface RebuildOptions {
  /** Events per read and per transaction. @default 5000 */
  readonly batchSize?: number;
  /** Called after each committed chunk. */
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Runs in each chunk's transaction, after the checkpoints are written. */
  readonly publish?: (trx: Kysely<ReadModelDb>, names: readonly string[], position: number) => Promise<void>;
  /** After each committed chunk, with its events. */
  readonly onCommitted?: (events: readonly RecordedEvent[]) => void;
  /** After each committed chunk: how many events each projection was handed. */
  readonly onApplied?: (name: string, count: number) => void;
}

/**
 * One transaction per chunk. The first also empties the tables (in reverse order of
 * `tables`, so list referenced tables first) and resets the checkpoints, so readers never
 * see a half-emptied model. Every chunk commits its checkpoints with its effects: a
 * rebuild that dies half-way leaves consistent read models at an older position, which
 * the live runner (or the next rebuild) simply continues from.
 *
 * Another runner must not process these projections meanwhile; if one does, the
 * conditional checkpoint update makes this throw `CheckpointMovedError` rather than apply
 * events twice.
 */
export const rebuildProjections = async (
  store: EventStore,
  db: Kysely<ReadModelDb>,
  projections: readonly Projection[],
  options: RebuildOptions = {},
): Promise<RebuildProgress> => {
  const batchSize = options.batchSize ?? 5000;
  const handlers = projections.map((p) => ({ projection: p, handled: new Set(p.eventTypes) }));
  const tables = [...new Set(projections.flatMap((p) => [...p.tables].reverse()))];
  const startHead = await store.headPosition();
  const started = performance.now();
  let position = 0;
  let events = 0;
  let first = true;

  const progress = (): RebuildProgress => {
    const elapsedMs = performance.now() - started;
    return {
      position,
      head: Math.max(startHead, position),
      events,
      elapsedMs,
      eventsPerSecond: elapsedMs > 0 ? (events * 1000) / elapsedMs : 0,
    };
  };

  const read = (fromPosition: number) => {
    const reading = store.readAll({ fromPosition, max: batchSize });
    // Awaited on the next turn, or dropped when this chunk's transaction fails.
    reading.catch(() => {});
    return reading;
  };
  let reading = read(1);
  for (;;) {
    const batch = await reading;
    if (batch.length === 0 && !first) break;
    const to = batch.length > 0 ? batch[batch.length - 1]!.position : position;
    // Read the next chunk while this one is applied: with a networked store or read DB
    // the two round trips overlap instead of adding up.
    if (batch.length > 0) reading = read(to + 1);
    const applied = new Map<string, number>();
    await db.transaction().execute(async (trx) => {
      applied.clear();
      if (first) {
        for (const table of tables) await trx.deleteFrom(table).execute();
        for (const { projection } of handlers) await setCheckpoint(trx, projection.name, to);
      } else {
        await advanceCheckpoints(
          trx,
          handlers.map((h) => h.projection.name),
          position,
          to,
        );
      }
      for (const event of batch) await applyToAll(trx, handlers, event, applied);
      await options.publish?.(
        trx,
        handlers.map((h) => h.projection.name),
        to,
      );
    });
    options.onCommitted?.(batch);
    for (const [name, count] of applied) options.onApplied?.(name, count);
    first = false;
    position = to;
    events += batch.length;
    options.onProgress?.(progress());
    if (batch.length === 0) break;
  }
  return progress();
};

const applyToAll = async (
  trx: Transaction<ReadModelDb>,
  handlers: readonly { projection: Projection; handled: ReadonlySet<string> }[],
  event: RecordedEvent,
  applied: Map<string, number>,
): Promise<void> => {
  for (const { projection, handled } of handlers) {
    if (!projection.allEvents && !handled.has(event.type)) continue;
    try {
      await projection.apply(trx, event);
    } catch (e) {
      throw new ProjectionApplyError(projection.name, event, e);
    }
    applied.set(projection.name, (applied.get(projection.name) ?? 0) + 1);
  }
};
