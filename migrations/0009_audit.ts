import type { Kysely } from 'kysely';

/** Audit index and replay snapshots (src/db/schema.audit.ts); both rebuildable from events. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mailbox_events')
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .execute();
  // History pages and "last position at time T" walk one mailbox in position order; the
  // per-stream index answers "revision of each stream at position P" from the index alone
  // (revision is in it, so SQLite and PostgreSQL need not visit the table rows).
  await db.schema.createIndex('mailbox_events_mailbox_idx').on('mailbox_events').columns(['mailbox_number', 'position']).execute();
  await db.schema
    .createIndex('mailbox_events_mailbox_stream_idx')
    .on('mailbox_events')
    .columns(['mailbox_number', 'stream_id', 'position', 'revision'])
    .execute();
  await db.schema.createIndex('mailbox_events_time_idx').on('mailbox_events').columns(['mailbox_number', 'occurred_at']).execute();

  await db.schema
    .createTable('audit_snapshots')
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('section_version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_snapshots_pk', ['stream_id', 'revision'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_snapshots').execute();
  await db.schema.dropTable('mailbox_events').execute();
}
