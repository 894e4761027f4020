import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { MailboxRole } from '../../domain/identity/mailbox.decider.js';
import { NoticeKind, type Notice } from '../../mail/notices/notice.js';
import type { NoticeFacts } from '../../mail/notices/texts/index.js';

export interface LockNoticeRoute {
  readonly mailboxNumber: number;
  readonly to: readonly string[];
}

/**
 * Who hears of a lock: every recipient configured in the lock policy of every mailbox the
 * user belongs to (the manual: すべての通知先), whether or not that mailbox's policy is the
 * one that locked, or even switched on: the user has lost that mailbox too. "Operations
 * administrators" means those of each such mailbox. An address configured in several
 * mailboxes gets one notice, routed through the smallest mailbox No. that names it.
 */
export const lockNoticeRoutes = async (db: Kysely<ReadModelDb>, userId: string): Promise<LockNoticeRoute[]> => {
  const memberships = await db.selectFrom('mailbox_members').select('mailbox_number').where('user_id', '=', userId).execute();
  const numbers = memberships.map((m) => Number(m.mailbox_number)).sort((a, b) => a - b);
  if (numbers.length === 0) return [];
  const [policies, administrators] = await Promise.all([
    db.selectFrom('lock_policies').selectAll().where('mailbox_number', 'in', numbers).execute(),
    db
      .selectFrom('mailbox_member_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.mailbox_number', 'u.email'])
      .where('r.mailbox_number', 'in', numbers)
      .where('r.role', '=', MailboxRole.OPERATIONS_ADMINISTRATOR)
      .where('u.active', '=', 1)
      .execute(),
  ]);
  const seen = new Set<string>();
  const routes: LockNoticeRoute[] = [];
  for (const n of numbers) {
    const policy = policies.find((p) => Number(p.mailbox_number) === n);
    if (!policy) continue;
    const candidates = [
      ...(policy.notify_operations_administrators === 1 ? administrators.filter((a) => Number(a.mailbox_number) === n).map((a) => a.email) : []),
      ...(JSON.parse(policy.notify_addresses) as string[]),
    ];
    const to = candidates.filter((address) => {
      const key = address.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    // Kept without e-mail recipients too: the outbox may still deliver it to chat destinations.
    routes.push({ mailboxNumber: n, to });
  }
  return routes;
};

/** What a lock notice tells (NoticeFacts of USER_LOCKED), and what makes its key. */
export type LockFacts = NoticeFacts['USER_LOCKED'] & {
  readonly userId: string;
  /** Store position of the `UserLocked` event: one lock, one notice per route, however often sent. */
  readonly position: number;
};

export const lockNotices = ({ userId, position, ...facts }: LockFacts, routes: readonly LockNoticeRoute[]): Notice[] =>
  routes.map((route) => ({
    // Rendered per route, so each mailbox's recipients read it in that mailbox's language.
    mailboxNumber: route.mailboxNumber,
    kind: NoticeKind.USER_LOCKED,
    facts,
    to: route.to,
    idempotencyKey: `user-locked:${userId}:${position}:${route.mailboxNumber}`,
  }));

export type UnlockFacts = NoticeFacts['USER_UNLOCKED'] & {
  /** Id of the `UserUnlocked` event: one unlock, one notice per mailbox, however often sent. */
  readonly eventId: string;
};

/**
 * An unlock is told to the chat destinations (subscribed to ACCOUNT_UNLOCKED) of every
 * mailbox of the user, each in its mailbox's language. No e-mail: the product names
 * recipients for locks only (FEATURES.md §6, the manual's 通知先 of アカウントロック).
 */
export const unlockNotices = ({ eventId, ...facts }: UnlockFacts, mailboxNumbers: readonly number[]): Notice[] =>
  mailboxNumbers.map((mailboxNumber) => ({
    mailboxNumber,
    kind: NoticeKind.USER_UNLOCKED,
    facts,
    to: [],
    idempotencyKey: `user-unlocked:${eventId}:${mailboxNumber}`,
  }));
