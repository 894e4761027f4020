import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { MailboxRole } from '../../domain/identity/mailbox.decider.js';

/**
 * Who hears about a mailbox's receive problems: its operations administrators (運用管理者,
 * active users only) plus any extra addresses (an account's error-notification address),
 * de-duplicated case-insensitively.
 */
export const noticeRecipients = async (db: Kysely<ReadModelDb>, mailboxNumber: number, extra: readonly (string | null)[] = []): Promise<string[]> => {
  const rows = await db
    .selectFrom('mailbox_member_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('u.email')
    .where('r.mailbox_number', '=', mailboxNumber)
    .where('r.role', '=', MailboxRole.OPERATIONS_ADMINISTRATOR)
    .where('u.active', '=', 1)
    .orderBy('u.email')
    .execute();
  const seen = new Map<string, string>();
  for (const address of [...extra, ...rows.map((r) => r.email)]) {
    if (address && !seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  }
  return [...seen.values()];
};
