import DataLoader from 'dataloader';
import type { Kysely, Selectable } from 'kysely';
import type { LockPoliciesTable, UserLockStatesTable } from '../../db/schema.access.js';
import type { ReadModelDb } from '../../db/schema.js';

export type LockPolicyRow = Selectable<LockPoliciesTable>;
export type UserLockStateRow = Selectable<UserLockStatesTable>;

export interface AccessRestrictionRow {
  readonly mailboxNumber: number;
  readonly ipEnabled: boolean;
  readonly apiEnabled: boolean;
  readonly ipAddresses: readonly string[];
  readonly apiAddresses: readonly string[];
  readonly exemptUserIds: readonly string[];
  readonly ipGuardOverridden: boolean;
  readonly apiGuardOverridden: boolean;
  readonly updatedAt: string | null;
}

/** A mailbox that never saved a restriction reads as both lists off and empty. */
const unrestricted = (mailboxNumber: number): AccessRestrictionRow => ({
  mailboxNumber,
  ipEnabled: false,
  apiEnabled: false,
  ipAddresses: [],
  apiAddresses: [],
  exemptUserIds: [],
  ipGuardOverridden: false,
  apiGuardOverridden: false,
  updatedAt: null,
});

const loadRestrictions = async (db: Kysely<ReadModelDb>, numbers: readonly number[]): Promise<AccessRestrictionRow[]> => {
  const [heads, rules, exempt] = await Promise.all([
    db.selectFrom('access_restrictions').selectAll().where('mailbox_number', 'in', numbers).execute(),
    db.selectFrom('access_rules').selectAll().where('mailbox_number', 'in', numbers).orderBy('ordinal').execute(),
    db.selectFrom('access_exempt_users').selectAll().where('mailbox_number', 'in', numbers).orderBy('user_id').execute(),
  ]);
  return numbers.map((n) => {
    const head = heads.find((h) => Number(h.mailbox_number) === n);
    if (!head) return unrestricted(n);
    const listOf = (list: string) => rules.filter((r) => Number(r.mailbox_number) === n && r.list === list).map((r) => r.address);
    return {
      mailboxNumber: n,
      ipEnabled: head.ip_enabled === 1,
      apiEnabled: head.api_enabled === 1,
      ipAddresses: listOf('ip'),
      apiAddresses: listOf('api'),
      exemptUserIds: exempt.filter((e) => Number(e.mailbox_number) === n).map((e) => e.user_id),
      ipGuardOverridden: head.ip_guard_overridden === 1,
      apiGuardOverridden: head.api_guard_overridden === 1,
      updatedAt: head.updated_at,
    };
  });
};

/** Per-request loaders of the access read models; spread into createLoaders. */
export const createAccessLoaders = (db: Kysely<ReadModelDb>) => ({
  accessRestrictionByMailbox: new DataLoader<number, AccessRestrictionRow>((numbers) => loadRestrictions(db, numbers)),
  lockPolicyByMailbox: new DataLoader<number, LockPolicyRow | null>(async (numbers) => {
    const rows = await db.selectFrom('lock_policies').selectAll().where('mailbox_number', 'in', numbers).execute();
    return numbers.map((n) => rows.find((r) => Number(r.mailbox_number) === n) ?? null);
  }),
  lockStateByUser: new DataLoader<string, UserLockStateRow | null>(async (userIds) => {
    const rows = await db.selectFrom('user_lock_states').selectAll().where('user_id', 'in', userIds).execute();
    return userIds.map((id) => rows.find((r) => r.user_id === id) ?? null);
  }),
});
