import type { Kysely } from 'kysely';

/** Integrations read models (src/db/schema.integrations.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('external_calls')
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url_template', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('open_in_new_window', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('external_calls_mailbox').on('external_calls').column('mailbox_number').execute();

  await db.schema
    .createTable('message_channels')
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('secrets_set', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_channels_pk', ['mailbox_number', 'channel'])
    .execute();

  await db.schema
    .createTable('chat_destinations')
    .addColumn('destination_id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('room_id', 'text')
    .addColumn('event_kinds', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_destinations_mailbox').on('chat_destinations').column('mailbox_number').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chat_destinations').ifExists().execute();
  await db.schema.dropTable('message_channels').ifExists().execute();
  await db.schema.dropTable('external_calls').ifExists().execute();
}
