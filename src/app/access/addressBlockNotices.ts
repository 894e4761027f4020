import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { ChatEventKind } from '../../domain/integrations/chatDestinations.decider.js';
import { NoticeKind, type Notice } from '../../mail/notices/notice.js';
import type { NoticeFacts } from '../../mail/notices/texts/index.js';

/** What an address-block notice tells, and what makes its key. */
export type AddressBlockFacts = NoticeFacts['ADDRESS_BLOCKED'] & {
  /** Store position of the `ClientAddressBlocked` event: one block, one notice per mailbox, however often sent. */
  readonly position: number;
};

/**
 * Who hears of a blocked client address: it concerns no one mailbox (the attempts name many
 * usernames, most of them unknown), so the system administrators, by e-mail, through the
 * smallest mailbox No. (its default SMTP server and language, as the lock notices route), and
 * the chat destinations of every mailbox subscribed to ADDRESS_BLOCKED, each in its mailbox's
 * language. A mailbox with no subscribed destination and no recipient records nothing.
 */
export const addressBlockNotices = async (db: Kysely<ReadModelDb>, { position, ...facts }: AddressBlockFacts): Promise<Notice[]> => {
  const [first, following, administrators] = await Promise.all([
    db.selectFrom('mailboxes').select('number').orderBy('number').limit(1).executeTakeFirst(),
    // Only mailboxes with an enabled destination that may follow blocks get a notice of their
    // own (the outbox fan-out then picks the subscribed ones), not one per mailbox.
    db.selectFrom('chat_destinations').select('mailbox_number').distinct().where('enabled', '=', 1).where('event_kinds', 'like', `%${ChatEventKind.ADDRESS_BLOCKED}%`).execute(),
    db.selectFrom('users').select('email').where('is_administrator', '=', 1).where('active', '=', 1).orderBy('username').execute(),
  ]);
  if (!first) return [];
  const to = [...new Map(administrators.map((a) => [a.email.toLowerCase(), a.email])).values()];
  const numbers = [...new Set([Number(first.number), ...following.map((d) => Number(d.mailbox_number))])].sort((a, b) => a - b);
  return numbers.map((n) => ({
    mailboxNumber: n,
    kind: NoticeKind.ADDRESS_BLOCKED,
    facts,
    to: n === Number(first.number) ? to : [],
    idempotencyKey: `address-blocked:${facts.network}:${position}:${n}`,
  }));
};
