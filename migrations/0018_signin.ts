import { sql, type Kysely } from 'kysely';

/**
 * Sign-in hardening (two-factor, token lifetimes, sessions, credential stuffing, lock modes).
 *
 * Projections (rebuilt from events): `user_two_factor`, `mailbox_two_factor_policies`, the new
 * `api_tokens`, `user_lock_states` and `lock_policies` columns.
 * Operational state (no event holds it): `two_factor_steps` (the last accepted TOTP step per
 * user, the replay guard: one conditional UPDATE per login, atomic across instances),
 * `two_factor_pending` (a secret shown but not yet confirmed), `login_challenges` (the
 * second step of a login), `api_token_usage` (last use of each token, written at most once a
 * minute), `login_failure_counters` (failed logins per client address and network prefix).
 * `auth_sessions.session_id` names a session without revealing its token hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_two_factor')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('recovery_codes_left', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('mailbox_two_factor_policies')
    .addColumn('mailbox_number', 'integer', (c) => c.primaryKey())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('two_factor_steps')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('last_step', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('two_factor_pending')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('login_challenges')
    .addColumn('challenge_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('client_ip', 'text')
    .execute();
  await db.schema.createIndex('login_challenges_expires_idx').on('login_challenges').column('expires_at').execute();

  await db.schema.alterTable('auth_sessions').addColumn('session_id', 'text').execute();
  // Sessions from before this migration get an id derived from their hash (not the hash itself).
  await sql`update auth_sessions set session_id = 'legacy-' || substr(token_hash, 1, 24) where session_id is null`.execute(db);
  await db.schema.createIndex('auth_sessions_session_idx').on('auth_sessions').column('session_id').unique().execute();

  await db.schema.alterTable('api_tokens').addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('api_tokens').addColumn('may_issue_tokens', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('api_token_usage')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .addColumn('last_used_ip', 'text')
    .execute();

  await db.schema
    .createTable('login_failure_counters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start_ms', 'bigint', (c) => c.notNull())
    .addColumn('blocked_until_ms', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('user_lock_states').addColumn('locked_until', 'text').execute();
  await db.schema.alterTable('user_lock_states').addColumn('temporary_locks', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('lock_policies').addColumn('mode', 'text', (c) => c.notNull().defaultTo('PERMANENT')).execute();
  await db.schema.alterTable('lock_policies').addColumn('wait_minutes', 'integer', (c) => c.notNull().defaultTo(15)).execute();
  await db.schema.alterTable('lock_policies').addColumn('max_temporary_locks', 'integer', (c) => c.notNull().defaultTo(3)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['login_failure_counters', 'api_token_usage', 'login_challenges', 'two_factor_pending', 'two_factor_steps', 'mailbox_two_factor_policies', 'user_two_factor']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('auth_sessions_session_idx').execute();
  for (const [table, column] of [
    ['auth_sessions', 'session_id'],
    ['api_tokens', 'read_only'],
    ['api_tokens', 'may_issue_tokens'],
    ['user_lock_states', 'locked_until'],
    ['user_lock_states', 'temporary_locks'],
    ['lock_policies', 'mode'],
    ['lock_policies', 'wait_minutes'],
    ['lock_policies', 'max_temporary_locks'],
  ] as const) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
