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
}

export interface AuthSessionsTable {
  /** sha256 hex of the session token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  client_ip: string | null;
}

export interface IdentityTables {
  mailboxes: MailboxesTable;
  users: UsersTable;
  mailbox_members: MailboxMembersTable;
  mailbox_member_roles: MailboxMemberRolesTable;
  user_permissions: UserPermissionsTable;
  api_tokens: ApiTokensTable;
  auth_sessions: AuthSessionsTable;
}
