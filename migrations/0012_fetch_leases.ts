import type { Kysely } from 'kysely';

/**
 * Fetch leases: which server instance fetches which receive account right now
 * (src/app/inbound/scheduler/fetchLeases.ts). Operational state like `receive_fetch_state`, not a
 * projection. A row exists while a run holds it; a holder that dies leaves its row to
 * expire, and another instance takes it over with the same upsert that takes a free one.
 * Times are ISO-8601 text (as everywhere in the read models), so `expires_at` compares as
 * text on both dialects.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fetch_leases')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('fetch_leases').execute();
}
