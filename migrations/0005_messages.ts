import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * The message store and the fetchers' state. Operational data, not projections: a
 * projection rebuild must never delete imported mail or the record of which server
 * messages were already taken.
 *
 * Raw bytes live in a blob column (bytea / blob) of their own table rather than in files
 * under the data dir: the row, its bytes and the idempotency key commit in one
 * transaction (a crash never leaves a row without bytes or an orphan file), a mailbox
 * reset is one transaction, backups are one database, and a PostgreSQL deployment with
 * several servers needs no shared file system. The price is that one message (at most
 * the 25 MB limit) is in memory while it is inserted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const blob = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('from_header', 'text')
    .addColumn('date_header', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addUniqueConstraint('messages_account_source', ['account_id', 'source_key'])
    .execute();
  await db.schema.createIndex('messages_mailbox_received').on('messages').columns(['mailbox_number', 'received_at', 'id']).execute();
  await db.schema.createIndex('messages_account_sha256').on('messages').columns(['account_id', 'sha256']).execute();
  await db.schema.createIndex('messages_account_message_id').on('messages').columns(['account_id', 'message_id']).execute();

  await db.schema
    .createTable('message_raw')
    .addColumn('id', 'text', (c) => c.primaryKey().references('messages.id').onDelete('cascade'))
    .addColumn('raw', blob, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fetch_cursors')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fetch_seen_sources')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fetch_seen_sources_pk', ['account_id', 'source_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('fetch_seen_sources').execute();
  await db.schema.dropTable('fetch_cursors').execute();
  await db.schema.dropTable('message_raw').execute();
  await db.schema.dropTable('messages').execute();
}
