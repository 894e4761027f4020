import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import { MailboxRole } from '../domain/identity/mailbox.js';
import { NoticeKind, type Notice } from '../mail/notices/notice.js';

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

export interface LockFacts {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly failedAttempts: number;
  readonly policyMailboxNumber: number;
  readonly threshold: number;
  readonly lockedAt: Date;
  readonly clientIp: string | null;
  /** Store position of the `UserLocked` event: one lock, one notice per route, however often sent. */
  readonly position: number;
}

export const lockNotices = (facts: LockFacts, routes: readonly LockNoticeRoute[]): Notice[] =>
  routes.map((route) => ({
    mailboxNumber: route.mailboxNumber,
    kind: NoticeKind.USER_LOCKED,
    to: route.to,
    subject: `[Mailroom] Account locked: ${facts.username}`,
    text: [
      `The account "${facts.username}" (${facts.displayName}) was locked at ${facts.lockedAt.toISOString()}`,
      `after ${facts.failedAttempts} failed logins${facts.clientIp ? `, the last from ${facts.clientIp}` : ''}.`,
      `The lock policy of mailbox ${facts.policyMailboxNumber} applied (lock after ${facts.threshold} failed logins).`,
      '',
      'The user can use none of their mailboxes until an administrator unlocks the account',
      '(user settings, "locked users only", unlock). If these attempts were not the user,',
      'consider changing the password when unlocking.',
    ].join('\n'),
    idempotencyKey: `user-locked:${facts.userId}:${facts.position}:${route.mailboxNumber}`,
  }));
