import DataLoader from 'dataloader';
import type { Kysely, Selectable } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import type { MailboxesTable, UsersTable } from '../db/schema.identity.js';
import { createAccessLoaders } from './access/access.loaders.js';
import { createInboundLoaders } from './inbound/inbound.loaders.js';
import { createIntegrationsLoaders } from './integrations/integrations.loaders.js';
import { createOutboundLoaders, type OutboundRowsCache } from './outbound/outbound.loaders.js';
import { mailboxesProjection } from '../projections/identity/mailboxes.projection.js';
import { keyFromData, ReadModelCache } from '../projections/readModelCache.js';

export interface ReadCaches {
  readonly outboundRows?: OutboundRowsCache;
  readonly mailboxRows?: MailboxRowsCache;
}

export type UserRow = Selectable<UsersTable>;
export type MailboxRow = Selectable<MailboxesTable>;

export interface MemberRow {
  readonly mailboxNumber: number;
  readonly userId: string;
  readonly addedAt: string;
  readonly roles: readonly string[];
}

const byKey = <K, R>(keys: readonly K[], rows: readonly R[], keyOf: (r: R) => K): (R | null)[] => {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
};

const groupBy = <K, R>(keys: readonly K[], rows: readonly R[], keyOf: (r: R) => K): R[][] => {
  const map = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
};

/** Members with their roles, for a set of (mailbox or user) keys: two queries, whatever the count. */
const loadMembers = async (
  db: Kysely<ReadModelDb>,
  column: 'mailbox_number' | 'user_id',
  keys: readonly (number | string)[],
): Promise<MemberRow[]> => {
  const members = await db
    .selectFrom('mailbox_members')
    .selectAll()
    .where(column, 'in', keys as never[])
    .orderBy('mailbox_number')
    .orderBy('user_id')
    .execute();
  const roles = await db
    .selectFrom('mailbox_member_roles')
    .select(['mailbox_number', 'user_id', 'role'])
    .where(column, 'in', keys as never[])
    .orderBy('role')
    .execute();
  const rolesOf = new Map<string, string[]>();
  for (const r of roles) {
    const k = `${r.mailbox_number}/${r.user_id}`;
    rolesOf.set(k, [...(rolesOf.get(k) ?? []), r.role]);
  }
  return members.map((m) => ({
    mailboxNumber: m.mailbox_number,
    userId: m.user_id,
    addedAt: m.added_at,
    roles: rolesOf.get(`${m.mailbox_number}/${m.user_id}`) ?? [],
  }));
};

/** A page of a keyed list: rows after the cursor key `after`, at most `limit`. */
export interface PageQuery<K> {
  readonly after: K | null;
  readonly limit: number;
}

/** Users by username: the `users` connection. */
const usersPage = async (db: Kysely<ReadModelDb>, page: PageQuery<string>): Promise<UserRow[]> => {
  let query = db.selectFrom('users').selectAll().orderBy('username').limit(page.limit);
  if (page.after !== null) query = query.where('username', '>', page.after);
  return query.execute();
};

/** Mailboxes by number: the `mailboxes` connection; `numbers` keeps only those (null: all). */
const mailboxesPage = async (db: Kysely<ReadModelDb>, page: PageQuery<number>, numbers: readonly number[] | null): Promise<MailboxRow[]> => {
  let query = db.selectFrom('mailboxes').selectAll().orderBy('number').limit(page.limit);
  if (page.after !== null) query = query.where('number', '>', page.after);
  if (numbers !== null) query = query.where('number', 'in', [...numbers]);
  return query.execute();
};

/**
 * Created per request, so batching and caching never leak between callers. `caches` are
 * the read-model caches kept between requests (dropped by the events, see ReadModelCache).
 */
export const createLoaders = (db: Kysely<ReadModelDb>, caches: ReadCaches = {}) => ({
  userById: new DataLoader<string, UserRow | null>(async (ids) =>
    byKey(ids, await db.selectFrom('users').selectAll().where('id', 'in', ids).execute(), (r) => r.id),
  ),
  mailboxByNumber: new DataLoader<number, MailboxRow | null>(async (numbers) => {
    const load = async (wanted: readonly number[]) =>
      new Map(byKey(wanted, await db.selectFrom('mailboxes').selectAll().where('number', 'in', wanted).execute(), (r) => r.number).map((r, i) => [wanted[i]!, r]));
    const rows = caches.mailboxRows ? await caches.mailboxRows.getMany(numbers, load) : await load(numbers);
    return numbers.map((n) => rows.get(n) ?? null);
  }),
  membersByMailbox: new DataLoader<number, MemberRow[]>(async (numbers) =>
    groupBy(numbers, await loadMembers(db, 'mailbox_number', numbers), (r) => r.mailboxNumber),
  ),
  membershipsByUser: new DataLoader<string, MemberRow[]>(async (userIds) =>
    groupBy(userIds, await loadMembers(db, 'user_id', userIds), (r) => r.userId),
  ),
  permissionsByUser: new DataLoader<string, string[]>(async (userIds) => {
    const rows = await db.selectFrom('user_permissions').select(['user_id', 'permission']).where('user_id', 'in', userIds).orderBy('permission').execute();
    return groupBy(userIds, rows, (r) => r.user_id).map((rs) => rs.map((r) => r.permission));
  }),
  /** Pages of the list queries; not batched (one per connection field), the rows prime userById / mailboxByNumber. */
  usersPage: (page: PageQuery<string>) => usersPage(db, page),
  mailboxesPage: (page: PageQuery<number>, numbers: readonly number[] | null) => mailboxesPage(db, page, numbers),
  ...createAccessLoaders(db),
  ...createInboundLoaders(db),
  ...createOutboundLoaders(db, caches.outboundRows),
  ...createIntegrationsLoaders(db),
});

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Mailbox rows between requests (every request naming a mailbox loads its row); an event of
 * the `mailboxes` projection drops that mailbox's entry as it commits. Absent mailboxes are
 * kept too (null), and dropped by the MailboxCreated that makes them exist.
 */
export type MailboxRowsCache = ReadModelCache<number, MailboxRow | null>;

export const createMailboxRowsCache = (): MailboxRowsCache =>
  new ReadModelCache<number, MailboxRow | null>({ projections: [mailboxesProjection], keysOf: keyFromData<number>('number') });
