/**
 * Audit read models. Both tables derive from the event store alone and are wiped and
 * refilled by a rebuild of `audit.mailbox_events`.
 */

/**
 * Which events belong to which mailbox (src/domain/shared/scope.ts), so per-mailbox history
 * and replay read an index instead of scanning the whole store.
 */
export interface MailboxEventsTable {
  /** Global position (primary key): one event belongs to at most one mailbox. */
  position: number;
  mailbox_number: number;
  stream_id: string;
  revision: number;
  type: string;
  /** Business time of the change (`metadata.occurredAt`, else `recordedAt`), ISO-8601. */
  occurred_at: string;
  actor_id: string | null;
}

/** Replay cache: the state of one stream after `revision`, encoded by src/app/audit/stateCodec.ts. */
export interface AuditSnapshotsTable {
  stream_id: string;
  revision: number;
  position: number;
  section: string;
  /** The section's `version` when written; other versions are ignored (evolve changed). */
  section_version: number;
  state: string;
}

/**
 * The Merkle tree over the event log (src/app/audit/merkleTree.ts): the hash of every perfect,
 * aligned subtree, `level` 0 being the leaves (idx = position - 1). Rebuilt from events by
 * the `audit.merkle_tree` projection.
 */
export interface AuditMerkleNodesTable {
  level: number;
  idx: number;
  /** hex */
  hash: string;
  /** The event's id on leaves (level 0), null above. */
  event_id: string | null;
}

/** Signed checkpoints (src/app/audit/checkpoints.ts); not derivable from events (they hold signatures and times). */
export interface AuditCheckpointsTable {
  /** Tree size = global position of the last event covered. */
  position: number;
  head_hash: string;
  root_hash: string;
  /** ISO-8601 */
  signed_at: string;
  key_id: string;
  /** base64 Ed25519 signature */
  signature: string;
}

/** Last position a customer's collector acknowledged (src/app/audit/collectorStream.ts). */
export interface AuditStreamCursorsTable {
  name: string;
  position: number;
  updated_at: string;
}

export interface AuditTables {
  mailbox_events: MailboxEventsTable;
  audit_snapshots: AuditSnapshotsTable;
  audit_merkle_nodes: AuditMerkleNodesTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_stream_cursors: AuditStreamCursorsTable;
}
