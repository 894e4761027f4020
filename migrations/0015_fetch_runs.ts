import type { Kysely } from 'kysely';

/**
 * One row per finished fetch run, for the console's 24-hour chart of runs and errors
 * (src/app/inbound/fetchRunHistory.ts). Operational, not a projection: fetch runs are not
 * events (only their error episodes are). Rows older than two days are pruned as runs
 * finish, so the table stays at about (accounts × runs per two days).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receive_fetch_runs')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('mailbox_number', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('receive_fetch_runs_pk', ['account_id', 'finished_at'])
    .execute();
  await db.schema.createIndex('receive_fetch_runs_mailbox').on('receive_fetch_runs').columns(['mailbox_number', 'finished_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('receive_fetch_runs').execute();
}
