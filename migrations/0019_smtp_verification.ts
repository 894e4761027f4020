import type { Kysely } from 'kysely';

/**
 * Test mail confirmation (「はい」 after テストメールを送信する): who confirmed which test mail
 * and when, on the SMTP server and Rakuten relay read models (projection of
 * `SmtpServerVerified`; null: not verified, or the connection changed since). One column per
 * ALTER: SQLite adds one at a time.
 */
const COLUMNS = ['verified_test_mail_id', 'verified_to', 'verified_tested_at', 'verified_at', 'verified_by'] as const;
const TABLES = ['outbound_smtp_servers', 'outbound_rakuten_relays'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    for (const column of COLUMNS) await db.schema.alterTable(table).addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    for (const column of COLUMNS) await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
