import type { Kysely } from 'kysely';

/** Read models of src/projections/access/ (restrictions, lock policies, lock state). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('access_restrictions')
    .addColumn('mailbox_number', 'integer', (c) => c.primaryKey())
    .addColumn('ip_enabled', 'integer', (c) => c.notNull())
    .addColumn('api_enabled', 'integer', (c) => c.notNull())
    .addColumn('ip_guard_overridden', 'integer', (c) => c.notNull())
    .addColumn('api_guard_overridden', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('access_rules')
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_rules_pk', ['mailbox_number', 'list', 'ordinal'])
    .execute();

  await db.schema
    .createTable('access_exempt_users')
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_exempt_users_pk', ['mailbox_number', 'user_id'])
    .execute();

  await db.schema
    .createTable('lock_policies')
    .addColumn('mailbox_number', 'integer', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .addColumn('notify_operations_administrators', 'integer', (c) => c.notNull())
    .addColumn('notify_addresses', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_lock_states')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull())
    .addColumn('locked_at', 'text')
    .addColumn('lock_reason', 'text')
    .addColumn('lock_mailbox_number', 'integer')
    .addColumn('lock_threshold', 'integer')
    .addColumn('last_failed_at', 'text')
    .addColumn('unlocked_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // "Locked users only" lists page by user id among the (few) locked rows.
  await db.schema.createIndex('user_lock_states_locked_idx').on('user_lock_states').columns(['locked', 'user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['user_lock_states', 'lock_policies', 'access_exempt_users', 'access_rules', 'access_restrictions']) {
    await db.schema.dropTable(table).execute();
  }
}
