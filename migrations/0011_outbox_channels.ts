import { sql, type Kysely } from 'kysely';

/**
 * Chat notices share the e-mail notices' outbox (one delivery path, one status query):
 * each row names its channel and, for chat, the destination. Existing rows are e-mail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('notice_outbox')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo(sql`'email'`))
    .execute();
  await db.schema.alterTable('notice_outbox').addColumn('destination_id', 'text').execute();
  await db.schema.createIndex('notice_outbox_mailbox').on('notice_outbox').columns(['mailbox_number', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notice_outbox_mailbox').execute();
  await db.schema.alterTable('notice_outbox').dropColumn('destination_id').execute();
  await db.schema.alterTable('notice_outbox').dropColumn('channel').execute();
}
