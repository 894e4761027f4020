import type { Kysely } from 'kysely';

/**
 * Login rate-limit token buckets shared by every instance on one PostgreSQL
 * (src/app/access/sqlTokenBuckets.ts). `id` is a digest of kind and key; `at_ms` the last take.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_rate_buckets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    .addColumn('admitted', 'boolean', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_rate_buckets_at').on('login_rate_buckets').column('at_ms').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_rate_buckets').execute();
}
