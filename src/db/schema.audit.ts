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

/** Replay cache: the state of one stream after `revision`, encoded by src/audit/stateCodec.ts. */
export interface AuditSnapshotsTable {
  stream_id: string;
  revision: number;
  position: number;
  section: string;
  /** The section's `version` when written; other versions are ignored (evolve changed). */
  section_version: number;
  state: string;
}

export interface AuditTables {
  mailbox_events: MailboxEventsTable;
  audit_snapshots: AuditSnapshotsTable;
}
