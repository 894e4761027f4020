import type { Kysely } from 'kysely';

/**
 * Audit evidence (src/db/schema.audit.ts): the persisted Merkle tree over the event log
 * (rebuildable from events), signed checkpoints, and the collector stream's cursor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_merkle_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    // Leaves only: the event's id, for proofs asked for by event id (the port reads by position).
    .addColumn('event_id', 'text')
    .addPrimaryKeyConstraint('audit_merkle_nodes_pk', ['level', 'idx'])
    .execute();
  await db.schema.createIndex('audit_merkle_nodes_event_idx').unique().on('audit_merkle_nodes').column('event_id').execute();
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_stream_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_stream_cursors').execute();
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropTable('audit_merkle_nodes').execute();
}
