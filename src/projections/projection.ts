import type { Transaction } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import type { RecordedEvent } from '../eventstore/port.js';

/**
 * One projection builds one read model. `apply` runs inside the runner's transaction,
 * together with the checkpoint update, so every event takes effect exactly once.
 */
export interface Projection {
  /** Stable name; the checkpoint row is keyed by it. */
  readonly name: string;
  /** Event types it reacts to; the checkpoint still advances past the others. */
  readonly eventTypes: readonly string[];
  /**
   * Receive every event whatever its type (`eventTypes` is then ignored): for indexes over
   * the whole store, such as the audit's per-mailbox index, which must not miss the event
   * types of areas added later.
   */
  readonly allEvents?: boolean;
  /** Tables it owns; a rebuild deletes their rows before replaying from position 1. */
  readonly tables: readonly (keyof ReadModelDb & string)[];
  apply(trx: Transaction<ReadModelDb>, event: RecordedEvent): Promise<void>;
}
