/**
 * Access read models: IP/API restrictions, lock policies and per-user lock state. All are
 * projections (src/projections/access/) and can be rebuilt from events. Booleans 0/1,
 * times ISO-8601 text, lists of addresses as JSON text where they are only ever shown whole.
 */

/** One row per mailbox that ever saved a restriction. */
export interface AccessRestrictionsTable {
  mailbox_number: number;
  ip_enabled: number;
  api_enabled: number;
  /** Set when the last save overrode the self-lockout guard. */
  ip_guard_overridden: number;
  api_guard_overridden: number;
  updated_at: string;
}

/** Allow-list entries, canonical text, in the order they were saved. */
export interface AccessRulesTable {
  mailbox_number: number;
  /** 'ip' or 'api' */
  list: string;
  ordinal: number;
  address: string;
}

export interface AccessExemptUsersTable {
  mailbox_number: number;
  user_id: string;
}

export interface LockPoliciesTable {
  mailbox_number: number;
  enabled: number;
  threshold: number;
  notify_operations_administrators: number;
  /** JSON array of e-mail addresses. */
  notify_addresses: string;
  updated_at: string;
  /** PERMANENT, TEMPORARY or PERMANENT_AFTER_TEMPORARY (Keycloak's lockout modes). */
  mode: string;
  /** First temporary lock's wait; each further one doubles it. */
  wait_minutes: number;
  /** PERMANENT_AFTER_TEMPORARY: temporary locks before the next one is permanent. */
  max_temporary_locks: number;
}

/** Absent row: no failed login since the user was created. */
export interface UserLockStatesTable {
  user_id: string;
  failed_attempts: number;
  locked: number;
  locked_at: string | null;
  lock_reason: string | null;
  /** Mailbox whose policy locked the user, and its threshold then. */
  lock_mailbox_number: number | null;
  lock_threshold: number | null;
  last_failed_at: string | null;
  unlocked_at: string | null;
  updated_at: string;
  /** A temporary lock lifts by itself at this time; null: permanent (or not locked). */
  locked_until: string | null;
  /** Temporary locks since the last successful login or unlock. */
  temporary_locks: number;
}

/** Failed logins per client address and per network prefix (/24, /56), across users. */
export interface LoginFailureCountersTable {
  id: string;
  failures: number;
  window_start_ms: number | string;
  blocked_until_ms: number | string;
}

/** Login rate-limit buckets shared by instances on PostgreSQL (src/app/access/sqlTokenBuckets.ts). */
export interface LoginRateBucketsTable {
  id: string;
  tokens: number;
  at_ms: string | number;
  admitted: boolean;
}

export interface AccessTables {
  access_restrictions: AccessRestrictionsTable;
  access_rules: AccessRulesTable;
  access_exempt_users: AccessExemptUsersTable;
  lock_policies: LockPoliciesTable;
  user_lock_states: UserLockStatesTable;
  login_rate_buckets: LoginRateBucketsTable;
  login_failure_counters: LoginFailureCountersTable;
}
