/**
 * Inbound (OAuth credentials, receive accounts, fetch status) read-model tables.
 * `oauth_credentials`, `receive_accounts`, `receive_auto_fetch` and `receive_last_errors`
 * are projections; `receive_fetch_state` and `oauth_tokens` are operational state written
 * by the scheduler and the token service (see migrations/0007_inbound.ts for why).
 * Secrets appear only as `*_set` flags here, except in `oauth_tokens` (vault ciphertext).
 */

export interface OAuthCredentialsTable {
  credential_id: string;
  mailbox_number: number;
  /** GOOGLE | MICROSOFT */
  provider: string;
  display_name: string;
  client_id: string;
  tenant: string | null;
  /** JSON array of scope tokens. */
  scopes: string;
  redirect_url: string;
  enabled: number;
  /** NOT_AUTHORIZED | AUTHORIZED | REAUTHORIZATION_REQUIRED */
  authorization_status: string;
  /** The provider's refusal (`invalid_grant: …`) while reauthorization is required. */
  authorization_error: string | null;
  authorized_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReceiveAccountsTable {
  account_id: string;
  mailbox_number: number;
  display_name: string;
  /** POP3 | APOP | IMAP */
  protocol: string;
  host: string;
  port: number;
  /** NONE | SSL_TLS | STARTTLS */
  encryption: string;
  /** PASSWORD | OAUTH2 */
  auth_method: string;
  username: string;
  password_set: number;
  oauth_credential_id: string | null;
  error_notification_address: string | null;
  leave_on_server: number;
  delete_duplicates: number;
  enabled: number;
  fetch_interval_minutes: number | null;
  /** IMAP IDLE push on (migrations/0016_fetch_idle.ts). */
  idle_enabled: number;
  created_at: string;
  updated_at: string;
}

export interface ReceiveAutoFetchTable {
  mailbox_number: number;
  enabled: number;
  interval_minutes: number;
  updated_at: string;
}

/** The latest error episode of each account, open (`cleared_at` null) or over. */
export interface ReceiveLastErrorsTable {
  account_id: string;
  mailbox_number: number;
  episode_id: string;
  code: string;
  message: string;
  server_response: string | null;
  raised_at: string;
  cleared_at: string | null;
}

export interface ReceiveFetchStateTable {
  account_id: string;
  mailbox_number: number;
  /** 1 while a fetch runs; a dead instance's flag is cleared once its fetch lease expired (fetchScheduler.ts). */
  running: number;
  last_attempt_at: string | null;
  last_finished_at: string | null;
  last_success_at: string | null;
  /** Failed runs in a row; drives the backoff. */
  consecutive_failures: number;
  last_imported: number;
  last_skipped: number;
  imported_total: number;
  skipped_total: number;
  updated_at: string;
  /** IDLE | POLLING | BACKOFF (src/app/inbound/fetchStatus.ts FetchMode); null: never set, polling. */
  mode: string | null;
  /** Why a POLLING account does not push (FetchModeReason); null while IDLE. */
  mode_reason: string | null;
  /** Since when the IDLE connection is up; null when not connected. */
  connected_since: string | null;
  /** The last run that imported anything finished then. */
  last_new_mail_at: string | null;
  /** POLLING: the next scheduled run; BACKOFF: the next reconnect; null while IDLE. */
  next_poll_at: string | null;
}

/** One finished fetch run (migrations/0015_fetch_runs.ts), kept two days for the console's chart. */
export interface ReceiveFetchRunsTable {
  account_id: string;
  mailbox_number: number;
  finished_at: string;
  /** 1: the run failed (an error was recorded). */
  failed: number;
  imported: number;
}

/** One receive account's fetch lease (migrations/0012_fetch_leases.ts). */
export interface FetchLeasesTable {
  account_id: string;
  /** The server instance's random id (logged at its start). */
  holder: string;
  acquired_at: string;
  expires_at: string;
}

export interface OAuthTokensTable {
  credential_id: string;
  access_token_ciphertext: string;
  expires_at: string;
  /** A refresh token the provider rotated in (Microsoft does); null: the authorized one stands. */
  refresh_token_ciphertext: string | null;
  /** Which authorization this token belongs to (the credential stream revision that authorized it). */
  grant_revision: number;
  refreshed_at: string;
}

export interface InboundTables {
  oauth_credentials: OAuthCredentialsTable;
  receive_accounts: ReceiveAccountsTable;
  receive_auto_fetch: ReceiveAutoFetchTable;
  receive_last_errors: ReceiveLastErrorsTable;
  receive_fetch_state: ReceiveFetchStateTable;
  receive_fetch_runs: ReceiveFetchRunsTable;
  fetch_leases: FetchLeasesTable;
  oauth_tokens: OAuthTokensTable;
}
