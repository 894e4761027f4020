import type { Kysely } from 'kysely';

/**
 * IMAP IDLE push (src/app/inbound/scheduler/idleSession.ts).
 * - `receive_accounts.idle_enabled`: the account's push setting (projection). Rows from
 *   before it: IMAP on, POP3/APOP off, as the decider reads their events.
 * - `receive_fetch_state`: how the account is fetched right now (operational, like the
 *   rest of the table): `mode` IDLE | POLLING | BACKOFF and why it polls (`mode_reason`),
 *   since when the IDLE connection is up, when new mail last arrived, when it is polled or
 *   reconnected next. One column per ALTER: SQLite adds one at a time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('receive_accounts').addColumn('idle_enabled', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db
    .updateTable('receive_accounts' as never)
    .set({ idle_enabled: 0 } as never)
    .where('protocol' as never, 'in', ['POP3', 'APOP'] as never)
    .execute();
  for (const column of ['mode', 'mode_reason', 'connected_since', 'last_new_mail_at', 'next_poll_at']) {
    await db.schema.alterTable('receive_fetch_state').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['mode', 'mode_reason', 'connected_since', 'last_new_mail_at', 'next_poll_at']) {
    await db.schema.alterTable('receive_fetch_state').dropColumn(column).execute();
  }
  await db.schema.alterTable('receive_accounts').dropColumn('idle_enabled').execute();
}
