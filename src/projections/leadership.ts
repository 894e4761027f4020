/**
 * Which instance runs a projection. Several servers may share one read-model database;
 * each projection is then run by exactly one of them (its leader), and the others follow
 * its checkpoint (standby) so read-your-writes still works on them.
 */
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';

export interface LeaderElection {
  /**
   * Campaigns for every one of `names` until `stop()`, calling `onChange` on each gain and
   * loss. Resolves after the first attempt, so a lone instance leads before it returns.
   */
  start(names: readonly string[], onChange: (name: string, leading: boolean) => void): Promise<void>;
  /**
   * Resolves once this instance leads every one of `names`, campaigning for them if it does
   * not already; `onWaiting` is called once with those another instance holds.
   */
  acquire(names: readonly string[], onWaiting?: (heldElsewhere: readonly string[]) => void): Promise<void>;
  isLeader(name: string): boolean;
  /** Gives up every leadership; pending `acquire`s reject. */
  stop(): Promise<void>;
}

export interface CheckpointListener {
  checkpoint(name: string, position: number): void;
  /** Notifications may have been missed (e.g. reconnected): re-read the stored checkpoints. */
  resync(): void;
}

/** How a leader tells the standbys where it is. */
export interface CheckpointFeed {
  /** Runs inside the batch transaction, so standbys hear of the position only once it is committed. */
  publish(trx: Kysely<ReadModelDb>, names: readonly string[], position: number): Promise<void>;
  start(listener: CheckpointListener): Promise<void>;
  stop(): Promise<void>;
}

/** A single process (SQLite, in-memory, tests): this instance leads everything. */
export class AlwaysLeader implements LeaderElection {
  async start(names: readonly string[], onChange: (name: string, leading: boolean) => void): Promise<void> {
    for (const name of names) onChange(name, true);
  }

  async acquire(): Promise<void> {}

  isLeader(): boolean {
    return true;
  }

  async stop(): Promise<void> {}
}
