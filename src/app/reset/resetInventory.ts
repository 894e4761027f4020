import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { MailboxScopedTable } from '../../projections/reset/mailboxWipe.js';

/** One kind of data a reset wipes, with how much of it the mailbox holds now. */
export interface ResetItem {
  readonly kind: string;
  readonly count: number;
}

/** What a reset wipes, counted from the read models (the preview of the confirm step). */
const WIPED: readonly (readonly [kind: string, table: MailboxScopedTable])[] = [
  ['SMTP_SERVERS', 'outbound_smtp_servers'],
  ['SMTP_ROUTING_RULES', 'outbound_routing_rules'],
  ['SMTP_BASIC_SETTINGS', 'outbound_smtp_settings'],
  ['RAKUTEN_RELAY', 'outbound_rakuten_relays'],
  ['DKIM_SIGNATURES', 'outbound_dkim_signatures'],
  ['DKIM_CONDITIONS', 'outbound_dkim_conditions'],
  ['RECEIVE_ACCOUNTS', 'receive_accounts'],
  ['OAUTH_CREDENTIALS', 'oauth_credentials'],
  ['ACCESS_RESTRICTIONS', 'access_restrictions'],
  ['LOCK_POLICY', 'lock_policies'],
  ['EXTERNAL_CALLS', 'external_calls'],
  ['MESSAGE_CHANNELS', 'message_channels'],
  ['CHAT_DESTINATIONS', 'chat_destinations'],
];

/**
 * Kept, per the manual's list of data that may span mailboxes (ユーザ, ユーザグループ, …):
 * users and their permissions, the mailbox's members and their roles (the operations
 * administrators go on receiving its notices), its address and number, and the settings
 * history, which stays readable to auditors.
 */
export const KEPT_BY_RESET: readonly string[] = ['USERS', 'USER_PERMISSIONS', 'MEMBERS_AND_ROLES', 'MAILBOX_ADDRESS', 'SETTINGS_HISTORY'];

export const resetInventory = async (db: Kysely<ReadModelDb>, mailboxNumber: number, messages: number): Promise<ResetItem[]> => {
  const items: ResetItem[] = [];
  for (const [kind, table] of WIPED) {
    const row = await db
      .selectFrom(table as 'external_calls')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('mailbox_number', '=', mailboxNumber)
      .executeTakeFirstOrThrow();
    items.push({ kind, count: Number(row.n) });
  }
  items.push({ kind: 'MESSAGES', count: messages });
  return items;
};
