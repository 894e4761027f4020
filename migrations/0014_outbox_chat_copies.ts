import { sql, type Kysely } from 'kysely';

/**
 * A chat row's own sealed copy of its destination (src/mail/notices/chat/chatCopy.ts): a
 * mailbox reset's notice must reach destinations the reset wipes. Null once the row is
 * settled and the copy destroyed; the partial index finds the few rows still holding one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notice_outbox').addColumn('chat_copy', 'text').execute();
  await db.schema.createIndex('notice_outbox_chat_copy').on('notice_outbox').column('status').where(sql.ref('chat_copy'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notice_outbox_chat_copy').execute();
  await db.schema.alterTable('notice_outbox').dropColumn('chat_copy').execute();
}
