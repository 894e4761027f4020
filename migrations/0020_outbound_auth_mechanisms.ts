import type { Kysely } from 'kysely';

/**
 * SMTP authentication choices (issue #14): `outbound_smtp_servers.password_mechanism` is the
 * SASL mechanism a password server uses (AUTO | PLAIN | LOGIN | CRAM_MD5), null for OAUTH
 * and NONE servers. Rows from before it are password or OAuth servers whose events carry
 * no mechanism; the projection reads those as AUTO, so the backfill does the same.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbound_smtp_servers').addColumn('password_mechanism', 'text').execute();
  await db
    .updateTable('outbound_smtp_servers' as never)
    .set({ password_mechanism: 'AUTO' } as never)
    .where('auth_method' as never, '=', 'PASSWORD' as never)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbound_smtp_servers').dropColumn('password_mechanism').execute();
}
