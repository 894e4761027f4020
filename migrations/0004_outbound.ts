import type { Kysely } from 'kysely';

/** Outbound read models (src/db/schema.outbound.ts); all are projections and can be rebuilt. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbound_smtp_servers')
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('encryption', 'text', (c) => c.notNull())
    .addColumn('auth_method', 'text', (c) => c.notNull())
    .addColumn('auth_user', 'text', (c) => c.notNull())
    .addColumn('password_ciphertext', 'text')
    .addColumn('oauth_credential_id', 'text')
    .addColumn('added_position', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbound_smtp_servers_pk', ['mailbox_number', 'server_id'])
    .execute();

  await db.schema
    .createTable('outbound_routing_rules')
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('match_kind', 'text', (c) => c.notNull())
    .addColumn('match_value', 'text', (c) => c.notNull())
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbound_routing_rules_pk', ['mailbox_number', 'rule_id'])
    .execute();
  await db.schema.createIndex('outbound_routing_rules_order').on('outbound_routing_rules').columns(['mailbox_number', 'position']).execute();

  await db.schema
    .createTable('outbound_smtp_settings')
    .addColumn('mailbox_number', 'integer', (c) => c.primaryKey())
    .addColumn('default_server_id', 'text', (c) => c.notNull())
    .addColumn('bounce_kind', 'text')
    .addColumn('bounce_address', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbound_rakuten_relays')
    .addColumn('mailbox_number', 'integer', (c) => c.primaryKey())
    .addColumn('real_address', 'text', (c) => c.notNull())
    .addColumn('contact_address', 'text')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('encryption', 'text', (c) => c.notNull())
    .addColumn('auth_user', 'text', (c) => c.notNull())
    .addColumn('password_ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbound_dkim_signatures')
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('signature_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('selector', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('key_source', 'text', (c) => c.notNull())
    .addColumn('key_bits', 'integer', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_ciphertext', 'text', (c) => c.notNull())
    .addColumn('body_length_limit', 'integer')
    .addColumn('added_position', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbound_dkim_signatures_pk', ['mailbox_number', 'signature_id'])
    .execute();

  await db.schema
    .createTable('outbound_dkim_conditions')
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('condition_id', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('signature_id', 'text', (c) => c.notNull())
    .addColumn('added_position', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbound_dkim_conditions_pk', ['mailbox_number', 'condition_id'])
    .execute();

  await db.schema
    .createTable('outbound_dkim_settings')
    .addColumn('mailbox_number', 'integer', (c) => c.primaryKey())
    .addColumn('default_signature_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbound_dkim_settings',
    'outbound_dkim_conditions',
    'outbound_dkim_signatures',
    'outbound_rakuten_relays',
    'outbound_smtp_settings',
    'outbound_routing_rules',
    'outbound_smtp_servers',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
