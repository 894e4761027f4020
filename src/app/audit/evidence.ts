import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { notFound, validationError } from '../../domain/shared/errors.js';
import type { EventStore, RecordedEvent } from '../../eventstore/port.js';
import { type AuditRecord, auditRecordOf, recordLeaf } from './auditRecord.js';
import type { SignedCheckpoint } from './checkpointFormat.js';
import { AuditCheckpoints } from './checkpoints.js';
import type { ConsistencyProof, InclusionProof } from './merkleTree.js';
import type { AuditSigningKey } from './signingKey.js';

export interface EventInclusion {
  readonly event: RecordedEvent;
  readonly record: AuditRecord;
  readonly leafHash: string;
  readonly proof: InclusionProof;
  readonly checkpoint: SignedCheckpoint;
}

export interface CheckpointConsistency {
  readonly from: SignedCheckpoint;
  readonly to: SignedCheckpoint;
  readonly proof: ConsistencyProof;
}

/** Checkpoints and proofs over the log, as the API, the HTTP export and the CLI serve them. */
export class AuditEvidence {
  readonly checkpoints: AuditCheckpoints;

  constructor(
    private readonly options: { store: EventStore; db: Kysely<ReadModelDb>; key: AuditSigningKey; waitForTree: (position: number) => Promise<void> },
  ) {
    this.checkpoints = new AuditCheckpoints(options);
  }

  get key(): AuditSigningKey {
    return this.options.key;
  }

  /** The stored event at a position or with an id. */
  async event(ref: { position?: number | null; eventId?: string | null }, path: readonly string[]): Promise<RecordedEvent> {
    let position = ref.position ?? null;
    if ((position === null) === (ref.eventId == null)) throw validationError([...path], 'Expected either an event id or a position');
    if (position === null) {
      const row = await this.options.db.selectFrom('audit_merkle_nodes').select('idx').where('event_id', '=', ref.eventId!).executeTakeFirst();
      if (!row) throw notFound('Event', ref.eventId!, [...path, 'eventId']);
      position = Number(row.idx) + 1;
    }
    if (!Number.isSafeInteger(position) || position < 1) throw validationError([...path, 'position'], `Expected a position of 1 or more, got ${position}`);
    const [event] = await this.options.store.readAll({ fromPosition: position, max: 1 });
    if (!event || event.position !== position) throw notFound('Event at position', String(position), [...path, 'position']);
    return event;
  }

  /** That `event` is leaf position - 1 of the tree signed by the checkpoint at `checkpointPosition` (default: the latest). */
  async inclusion(event: RecordedEvent, checkpointPosition: number | null): Promise<EventInclusion> {
    const checkpoint =
      checkpointPosition === null ? ((await this.checkpoints.latest()) ?? (await this.checkpoints.create())) : await this.checkpoints.require(checkpointPosition, ['checkpoint']);
    if (event.position > checkpoint.position) {
      throw validationError(['checkpoint'], `Expected a checkpoint covering position ${event.position}, got one of ${checkpoint.position} events; create a newer checkpoint`);
    }
    const record = auditRecordOf(event);
    return { event, record, leafHash: recordLeaf(record).toString('hex'), proof: await this.checkpoints.tree.inclusionProof(event.position, checkpoint.position), checkpoint };
  }

  async consistency(fromPosition: number, toPosition: number): Promise<CheckpointConsistency> {
    if (fromPosition > toPosition) throw validationError(['from'], `Expected the earlier checkpoint first, got ${fromPosition} after ${toPosition}`);
    const [from, to] = [await this.checkpoints.require(fromPosition, ['from']), await this.checkpoints.require(toPosition, ['to'])];
    return { from, to, proof: await this.checkpoints.tree.consistencyProof(fromPosition, toPosition) };
  }
}
