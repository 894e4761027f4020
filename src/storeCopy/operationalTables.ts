/**
 * Every read-model table, in exactly one of three classes, for `mailroom store copy`
 * (test/storeCopy/operationalTables.unit.test.ts fails when a migrated table is in none,
 * so a new table forces a decision here):
 *
 * (a) Projection-owned: a projection lists it in its `tables` (src/projections/all.ts), so
 *     the server on the target rebuilds it from the copied events. `projection_checkpoints`
 *     is the projections' own bookkeeping and must NOT be copied: a copied checkpoint would
 *     make the target skip the rebuild of tables that are empty there.
 *
 * (b) Operational: written by services, derived from no event, so a rebuild cannot
 *     recreate it and the copy must carry it over.
 *     - `data_keys`: the vault's keys (copied first, by dataKeys.ts, refusing a different key
 *       under the same id);
 *     - `messages` + `message_raw`: imported mail and its raw RFC 5322 bytes;
 *     - `fetch_cursors`, `fetch_seen_sources`: the IMAP UIDVALIDITY and the UIDLs/UIDs already
 *       dealt with; without them leave-on-server accounts would import every old message again;
 *     - `receive_fetch_state`: last attempt/success and counters shown per account (its
 *       `running` flag is reset by the scheduler at start);
 *     - `oauth_tokens`: access and rotated-in refresh tokens, vault ciphertext copied as is (a
 *       Microsoft refresh token rotated in after the authorization exists nowhere else);
 *     - `audit_checkpoints`, `audit_stream_cursors`: signed checkpoints and the audit collector's cursor;
 *     - `notice_outbox`: pending and failed notices still to deliver, and sent ones whose
 *       idempotency keys keep a notice from going out twice.
 *
 * (c) Ephemeral: dropped, the target starts without them.
 *     - `auth_sessions`: everyone logs in again on the target;
 *     - `fetch_leases`: held by running server instances, of which there are none;
 *     - `login_rate_buckets`: login rate-limit buckets, refilled within minutes;
 *     - `receive_fetch_runs`: the last two days of fetch runs for the console's chart.
 *     - `two_factor_pending`, `login_challenges`: half-done enrolments and logins (minutes);
 *     - `login_failure_counters`: failed logins per address, forgotten within their window.
 * Also operational: `two_factor_steps` (the last accepted TOTP step, so a code seen before
 * the copy cannot be replayed after it) and `api_token_usage` (last use of each token).
 */
import type { ReadModelDb } from '../db/schema.js';

type Table = keyof ReadModelDb & string;

export const PROJECTION_TABLES = [
  'projection_checkpoints',
  'mailboxes',
  'users',
  'mailbox_members',
  'mailbox_member_roles',
  'user_permissions',
  'api_tokens',
  'access_restrictions',
  'access_rules',
  'access_exempt_users',
  'lock_policies',
  'user_lock_states',
  'user_two_factor',
  'mailbox_two_factor_policies',
  'oauth_credentials',
  'receive_accounts',
  'receive_auto_fetch',
  'receive_last_errors',
  'outbound_smtp_servers',
  'outbound_routing_rules',
  'outbound_smtp_settings',
  'outbound_rakuten_relays',
  'outbound_dkim_signatures',
  'outbound_dkim_conditions',
  'outbound_dkim_settings',
  'external_calls',
  'message_channels',
  'chat_destinations',
  'mailbox_events',
  'audit_snapshots',
  'audit_merkle_nodes',
] as const satisfies readonly Table[];

export const EPHEMERAL_TABLES = [
  'auth_sessions',
  'fetch_leases',
  'login_rate_buckets',
  'two_factor_pending',
  'login_challenges',
  'login_failure_counters',
  'receive_fetch_runs',
] as const satisfies readonly Table[];

/** How one operational table is copied: read in `key` order, skipped on any key conflict. */
export interface OperationalTable {
  readonly table: Table;
  /** The primary key: the source is read in this order, page after page. */
  readonly key: readonly string[];
  /**
   * `data_keys`: copied by dataKeys.ts. `messages`: copied with its `message_raw` row in one
   * target transaction, pages capped by bytes. `message_raw`: only with its message.
   */
  readonly copiedBy?: 'dataKeys' | 'messages' | 'withMessages';
}

/** In copy order. */
export const OPERATIONAL_TABLES: readonly OperationalTable[] = [
  { table: 'data_keys', key: ['key_id'], copiedBy: 'dataKeys' },
  { table: 'messages', key: ['id'], copiedBy: 'messages' },
  { table: 'message_raw', key: ['id'], copiedBy: 'withMessages' },
  { table: 'fetch_cursors', key: ['account_id'] },
  { table: 'fetch_seen_sources', key: ['account_id', 'source_key'] },
  { table: 'receive_fetch_state', key: ['account_id'] },
  { table: 'oauth_tokens', key: ['credential_id'] },
  { table: 'notice_outbox', key: ['id'] },
  // Signed checkpoints stay valid on the target (positions and hashes are kept); the
  // collector cursor keeps the customer's collector from receiving the whole log again.
  { table: 'audit_checkpoints', key: ['position'] },
  { table: 'audit_stream_cursors', key: ['name'] },
  { table: 'two_factor_steps', key: ['user_id'] },
  { table: 'api_token_usage', key: ['token_id'] },
];
