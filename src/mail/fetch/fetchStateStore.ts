/**
 * What the fetchers remember per account between runs, beside the message store:
 * - the IMAP INBOX's last UIDVALIDITY (a change re-numbers every UID);
 * - the server messages already dealt with: POP3 UIDLs taken with leave-on-server, and
 *   messages skipped as too large or as duplicates, so each is reported once and never
 *   downloaded again.
 *
 * Kept apart from the message store on purpose: a mailbox reset wipes the messages but
 * must not make leave-on-server accounts take every old server message again.
 */
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { SourceKey } from '../messageStore/messageStore.js';

export const SeenDisposition = {
  IMPORTED: 'IMPORTED',
  TOO_LARGE: 'TOO_LARGE',
  DUPLICATE: 'DUPLICATE',
} as const;
export type SeenDisposition = (typeof SeenDisposition)[keyof typeof SeenDisposition];

export interface SeenSource {
  readonly sourceKey: SourceKey;
  readonly disposition: SeenDisposition;
  readonly size: number;
}

export interface FetchStateStore {
  getUidValidity(accountId: string): Promise<string | undefined>;
  setUidValidity(accountId: string, uidValidity: string, at: Date): Promise<void>;
  /** The dispositions of those of `sourceKeys` already recorded. */
  lookup(accountId: string, sourceKeys: readonly SourceKey[]): Promise<Map<SourceKey, SeenDisposition>>;
  /** Upsert. */
  record(accountId: string, entries: readonly SeenSource[], at: Date): Promise<void>;
  /**
   * Forgets recorded keys (starting with `prefix`) that are not in `present`: the message
   * left the server, so its entry can only grow the table. Returns how many.
   */
  prune(accountId: string, present: ReadonlySet<SourceKey>, prefix: string): Promise<number>;
  /** The account was deleted. */
  forgetAccount(accountId: string): Promise<void>;
}

// Far below SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const CHUNK = 500;

export const createSqlFetchStateStore = (db: Kysely<ReadModelDb>): FetchStateStore => ({
  getUidValidity: async (accountId) =>
    (await db.selectFrom('fetch_cursors').select('uid_validity').where('account_id', '=', accountId).executeTakeFirst())
      ?.uid_validity,

  setUidValidity: async (accountId, uidValidity, at) => {
    await db
      .insertInto('fetch_cursors')
      .values({ account_id: accountId, uid_validity: uidValidity, updated_at: at.toISOString() })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ uid_validity: uidValidity, updated_at: at.toISOString() }))
      .execute();
  },

  lookup: async (accountId, sourceKeys) => {
    const found = new Map<SourceKey, SeenDisposition>();
    for (let i = 0; i < sourceKeys.length; i += CHUNK) {
      const rows = await db
        .selectFrom('fetch_seen_sources')
        .select(['source_key', 'disposition'])
        .where('account_id', '=', accountId)
        .where('source_key', 'in', sourceKeys.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) found.set(row.source_key, row.disposition as SeenDisposition);
    }
    return found;
  },

  record: async (accountId, entries, at) => {
    for (let i = 0; i < entries.length; i += CHUNK / 5) {
      await db
        .insertInto('fetch_seen_sources')
        .values(
          entries.slice(i, i + CHUNK / 5).map((e) => ({
            account_id: accountId,
            source_key: e.sourceKey,
            disposition: e.disposition,
            size: e.size,
            recorded_at: at.toISOString(),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['account_id', 'source_key']).doUpdateSet((eb) => ({
            disposition: eb.ref('excluded.disposition'),
            size: eb.ref('excluded.size'),
            recorded_at: eb.ref('excluded.recorded_at'),
          })),
        )
        .execute();
    }
  },

  prune: async (accountId, present, prefix) => {
    let removed = 0;
    let after = '';
    for (;;) {
      const page = await db
        .selectFrom('fetch_seen_sources')
        .select('source_key')
        .where('account_id', '=', accountId)
        .where('source_key', '>', after)
        .orderBy('source_key')
        .limit(CHUNK)
        .execute();
      if (page.length === 0) return removed;
      after = page[page.length - 1]!.source_key;
      const gone = page.map((r) => r.source_key).filter((k) => k.startsWith(prefix) && !present.has(k));
      if (gone.length > 0) {
        await db
          .deleteFrom('fetch_seen_sources')
          .where('account_id', '=', accountId)
          .where('source_key', 'in', gone)
          .execute();
        removed += gone.length;
      }
    }
  },

  forgetAccount: async (accountId) => {
    await db.deleteFrom('fetch_seen_sources').where('account_id', '=', accountId).execute();
    await db.deleteFrom('fetch_cursors').where('account_id', '=', accountId).execute();
  },
});
