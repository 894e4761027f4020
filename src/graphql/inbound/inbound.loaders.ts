import DataLoader from 'dataloader';
import type { Kysely, Selectable } from 'kysely';
import type { OAuthCredentialsTable, ReceiveAccountsTable, ReceiveAutoFetchTable } from '../../db/schema.inbound.js';
import type { ReadModelDb } from '../../db/schema.js';
import { loadFetchStatuses, type FetchStatusSnapshot } from '../../app/inbound/fetchStatus.js';

export type OAuthCredentialRow = Selectable<OAuthCredentialsTable>;
export type ReceiveAccountRow = Selectable<ReceiveAccountsTable>;
export type AutoFetchRow = Selectable<ReceiveAutoFetchTable>;

const byKey = <K, R>(keys: readonly K[], rows: readonly R[], keyOf: (r: R) => K): (R | null)[] => {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
};

const groupBy = <K, R>(keys: readonly K[], rows: readonly R[], keyOf: (r: R) => K): R[][] => {
  const map = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
};

/** Per-request loaders of the inbound read models; one query per batch whatever the number of parents. */
export const createInboundLoaders = (db: Kysely<ReadModelDb>) => ({
  oauthCredentialById: new DataLoader<string, OAuthCredentialRow | null>(async (ids) =>
    byKey(ids, await db.selectFrom('oauth_credentials').selectAll().where('credential_id', 'in', ids).execute(), (r) => r.credential_id),
  ),
  oauthCredentialsByMailbox: new DataLoader<number, OAuthCredentialRow[]>(async (numbers) =>
    groupBy(
      numbers,
      await db.selectFrom('oauth_credentials').selectAll().where('mailbox_number', 'in', numbers).orderBy('display_name').orderBy('credential_id').execute(),
      (r) => r.mailbox_number,
    ),
  ),
  receiveAccountById: new DataLoader<string, ReceiveAccountRow | null>(async (ids) =>
    byKey(ids, await db.selectFrom('receive_accounts').selectAll().where('account_id', 'in', ids).execute(), (r) => r.account_id),
  ),
  receiveAccountsByMailbox: new DataLoader<number, ReceiveAccountRow[]>(async (numbers) =>
    groupBy(
      numbers,
      await db.selectFrom('receive_accounts').selectAll().where('mailbox_number', 'in', numbers).orderBy('created_at').orderBy('account_id').execute(),
      (r) => r.mailbox_number,
    ),
  ),
  receiveAccountsByCredential: new DataLoader<string, ReceiveAccountRow[]>(async (ids) =>
    groupBy(ids, await db.selectFrom('receive_accounts').selectAll().where('oauth_credential_id', 'in', ids).orderBy('display_name').execute(), (r) => r.oauth_credential_id!),
  ),
  autoFetchByMailbox: new DataLoader<number, AutoFetchRow | null>(async (numbers) =>
    byKey(numbers, await db.selectFrom('receive_auto_fetch').selectAll().where('mailbox_number', 'in', numbers).execute(), (r) => r.mailbox_number),
  ),
  /** Keyed by account id; the mailbox number rides along for the snapshot. */
  fetchStatusByAccount: new DataLoader<{ accountId: string; mailboxNumber: number }, FetchStatusSnapshot, string>(
    async (keys) => loadFetchStatuses(db, keys),
    { cacheKeyFn: (k) => k.accountId },
  ),
});
