/**
 * Identity read-model tables. All but `auth_sessions` are projections of the mailbox and
 * user streams and can be rebuilt from events; `auth_sessions` is plain operational state
 * (see the migration for why).
 */

export interface MailboxesTable {
  number: number;
  name: string;
  address: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  /** Lower-cased; unique. */
  username: string;
  display_name: string;
  email: string;
  /** argon2id PHC string; read only by login. */
  password_hash: string;
  /** 0/1: system administrator. */
  is_administrator: number;
  /** 0/1: deactivated users can neither log in nor use tokens. */
  active: number;
  created_at: string;
  updated_at: string;
}

export interface MailboxMembersTable {
  mailbox_number: number;
  user_id: string;
  added_at: string;
}

/** One row per role a member holds (OPERATIONS_ADMINISTRATOR, AUDITOR); deleted with the membership. */
export interface MailboxMemberRolesTable {
  mailbox_number: number;
  user_id: string;
  role: string;
  assigned_at: string;
}

export interface UserPermissionsTable {
  user_id: string;
  /** MAILBOX_RESET */
  permission: string;
  granted_at: string;
}

export interface ApiTokensTable {
  token_id: string;
  user_id: string;
  name: string;
  /** sha256 hex of the plaintext token; unique. */
  token_hash: string;
  created_at: string;
  /** null: never expires. */
  expires_at: string | null;
  revoked_at: string | null;
  /** 0/1: the token may run queries and subscriptions only. */
  read_only: number;
  /** 0/1: the token may issue further API tokens (its owner allowed it). */
  may_issue_tokens: number;
}

/** Operational: when and from where each API token was last used (at most one write a minute). */
export interface ApiTokenUsageTable {
  token_id: string;
  last_used_at: string;
  last_used_ip: string | null;
}

/** Projection of the two-factor streams: who is enrolled, and the secret as vault ciphertext. */
export interface UserTwoFactorTable {
  user_id: string;
  method: string;
  secret_ciphertext: string;
  enrolled_at: string;
  recovery_codes_left: number;
}

export interface MailboxTwoFactorPoliciesTable {
  mailbox_number: number;
  required: number;
  updated_at: string;
}

/** Operational: the last TOTP step accepted per user (replay guard). */
export interface TwoFactorStepsTable {
  user_id: string;
  last_step: number | string;
}

/** Operational: a secret shown for enrolment and not yet confirmed. */
export interface TwoFactorPendingTable {
  user_id: string;
  secret_ciphertext: string;
  created_at: string;
}

/** Operational: the second step of a login (sha256 of the challenge handed to the client). */
export interface LoginChallengesTable {
  challenge_hash: string;
  user_id: string;
  /** 'VERIFY' (give a code) or 'ENROL' (a mailbox requires two-factor and the user has none). */
  purpose: string;
  created_at: string;
  expires_at: string;
  attempts: number;
  client_ip: string | null;
}

export interface AuthSessionsTable {
  /** sha256 hex of the session token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  client_ip: string | null;
  /** Public id of the session (lists, ending one session); not derived from the token. */
  session_id: string;
}

export interface IdentityTables {
  mailboxes: MailboxesTable;
  users: UsersTable;
  mailbox_members: MailboxMembersTable;
  mailbox_member_roles: MailboxMemberRolesTable;
  user_permissions: UserPermissionsTable;
  api_tokens: ApiTokensTable;
  auth_sessions: AuthSessionsTable;
  api_token_usage: ApiTokenUsageTable;
  user_two_factor: UserTwoFactorTable;
  mailbox_two_factor_policies: MailboxTwoFactorPoliciesTable;
  two_factor_steps: TwoFactorStepsTable;
  two_factor_pending: TwoFactorPendingTable;
  login_challenges: LoginChallengesTable;
}
