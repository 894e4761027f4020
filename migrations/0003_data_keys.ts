import type { Kysely } from 'kysely';

/**
 * Data keys of the secret vault. Not a projection: keys are not derivable from events
 * (that is the point — destroying one shreds its secrets), so a rebuild never touches
 * this table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('wrapped_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('destroyed_at', 'text')
    .execute();
  await db.schema.createIndex('data_keys_scope').on('data_keys').column('scope').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_keys').execute();
}
