import { illegalState, validationError } from '../domain/shared/errors.js';
import { assertAppendable } from './appendValidation.js';
import { canonicalJson, eventHashParts, GENESIS_HASH, hashEventParts } from './hashChain.js';
import type { EventStore, RecordedEvent } from './port.js';

/**
 * Writing already-recorded events verbatim (position, revision, recordedAt, hashes), which
 * `appendToStream` cannot do: it stamps recordedAt with the current time and numbers
 * positions itself, so the hash chain of a copy would differ from the original's. Used by
 * `mailroom store copy` to move a store to another adapter with its tamper evidence intact.
 */
export interface EventImporter {
  /**
   * Writes one contiguous run of events atomically (per adapter: one transaction; see
   * KurrentDB for its granularity). The run must continue the target's head: its first
   * position is head + 1 and its first prevHash the head's hash; every hash is recomputed
   * and must equal the given one, and every revision must continue its stream.
   */
  importRecorded(events: readonly RecordedEvent[]): Promise<void>;
}

export const canImport = (store: EventStore): store is EventStore & EventImporter =>
  typeof (store as Partial<EventImporter>).importRecorded === 'function';

export interface ChainHead {
  readonly position: number;
  readonly hash: string;
}

export interface PreparedImport {
  readonly e: RecordedEvent;
  /** The canonical JSON the hash covers, which the SQL adapters store as is. */
  readonly dataJson: string;
  readonly metadataJson: string;
}

/**
 * Checks a run against the target head and recomputes every hash. A mismatch means the
 * source chain is broken (tampered or corrupted) or the events changed on the way; either
 * way the copy must stop rather than write a chain that no longer proves anything.
 */
export const prepareImport = (events: readonly RecordedEvent[], head: ChainHead): PreparedImport[] => {
  if (events.length === 0) throw validationError(['events'], 'Expected at least one event to import, got none');
  const first = events[0]!;
  if (first.position !== head.position + 1) {
    throw illegalState(`Import must continue the target head at position ${head.position + 1}, got position ${first.position}`);
  }
  const headHash = head.position === 0 ? GENESIS_HASH : head.hash;
  let prevHash = headHash;
  const ids = new Set<string>();
  return events.map((e, i) => {
    assertAppendable(e.streamId, [e], 'any');
    if (ids.has(e.id)) throw validationError(['events', String(i), 'id'], `Event id ${e.id} appears twice in one import`);
    ids.add(e.id);
    if (i > 0 && e.position !== events[i - 1]!.position + 1) {
      throw illegalState(`Imported positions must be contiguous: position ${e.position} follows ${events[i - 1]!.position}`);
    }
    if (!Number.isSafeInteger(e.revision) || e.revision < 0) {
      throw validationError(['events', String(i), 'revision'], `Expected a revision of 0 or more, got ${e.revision}`);
    }
    if (e.prevHash !== prevHash) {
      throw illegalState(
        `Hash chain broken at position ${e.position}: its prevHash does not match the hash of position ${e.position - 1}`,
      );
    }
    const dataJson = canonicalJson(e.data === undefined ? null : e.data);
    const metadataJson = canonicalJson(e.metadata);
    const hash = hashEventParts(prevHash, eventHashParts(e), { dataJson, metadataJson, position: e.position, revision: e.revision });
    if (hash !== e.hash) {
      throw illegalState(
        `Hash mismatch at position ${e.position} (event ${e.id}): the stored hash does not match the event's content; the source chain is broken or the event changed in transit`,
      );
    }
    prevHash = hash;
    return { e, dataJson, metadataJson };
  });
};

/**
 * Every event's revision must be its stream's next one. `currentRevision` gives the last
 * stored revision (-1 for a new stream) of each stream the run touches, before the run.
 */
export const checkImportRevisions = (events: readonly RecordedEvent[], currentRevision: (streamId: string) => number): void => {
  const last = new Map<string, number>();
  for (const e of events) {
    const before = last.get(e.streamId) ?? currentRevision(e.streamId);
    if (e.revision !== before + 1) {
      throw illegalState(
        `Revision gap at position ${e.position}: stream ${JSON.stringify(e.streamId)} is at revision ${before}, the event has ${e.revision}`,
      );
    }
    last.set(e.streamId, e.revision);
  }
};

export const streamsOf = (events: readonly RecordedEvent[]): string[] => [...new Set(events.map((e) => e.streamId))];
