import type { Kysely } from 'kysely';

/**
 * Inbound read models. Projections (rebuilt from events): `oauth_credentials`,
 * `receive_accounts`, `receive_auto_fetch`, `receive_last_errors`.
 *
 * Operational, not projections (a rebuild never touches them):
 * - `receive_fetch_state`: last attempt / success and counters of every poll. A poll that
 *   changes nothing is not a setting and has no audit value; as events it would add about
 *   8,640 entries a day per mailbox (6 accounts, 1-minute interval) to the hash-chained
 *   history. Status *changes* that matter (an error episode and its end) are events.
 * - `oauth_tokens`: short-lived access tokens and rotated refresh tokens (ciphertext). An
 *   access token lives an hour; losing the row only costs one refresh.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oauth_credentials')
    .addColumn('credential_id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('tenant', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('redirect_url', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('authorization_status', 'text', (c) => c.notNull())
    .addColumn('authorization_error', 'text')
    .addColumn('authorized_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth_credentials_mailbox').on('oauth_credentials').column('mailbox_number').execute();

  await db.schema
    .createTable('receive_accounts')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('encryption', 'text', (c) => c.notNull())
    .addColumn('auth_method', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_set', 'integer', (c) => c.notNull())
    .addColumn('oauth_credential_id', 'text')
    .addColumn('error_notification_address', 'text')
    .addColumn('leave_on_server', 'integer', (c) => c.notNull())
    .addColumn('delete_duplicates', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('fetch_interval_minutes', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('receive_accounts_mailbox').on('receive_accounts').column('mailbox_number').execute();
  await db.schema.createIndex('receive_accounts_credential').on('receive_accounts').column('oauth_credential_id').execute();

  await db.schema
    .createTable('receive_auto_fetch')
    .addColumn('mailbox_number', 'integer', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('receive_last_errors')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('episode_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('server_response', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .execute();

  await db.schema
    .createTable('receive_fetch_state')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('running', 'integer', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
    .addColumn('last_imported', 'integer', (c) => c.notNull())
    .addColumn('last_skipped', 'integer', (c) => c.notNull())
    .addColumn('imported_total', 'integer', (c) => c.notNull())
    .addColumn('skipped_total', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('oauth_tokens')
    .addColumn('credential_id', 'text', (c) => c.primaryKey())
    .addColumn('access_token_ciphertext', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('refresh_token_ciphertext', 'text')
    .addColumn('grant_revision', 'integer', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['oauth_tokens', 'receive_fetch_state', 'receive_last_errors', 'receive_auto_fetch', 'receive_accounts', 'oauth_credentials']) {
    await db.schema.dropTable(table).execute();
  }
}
