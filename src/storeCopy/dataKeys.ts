import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DataKeysTable, ReadModelDb } from '../db/schema.js';
import { illegalState } from '../domain/shared/errors.js';
import { MASTER_KEY_FILE } from '../secrets/masterKey.js';
import type { StoreLocation } from './storeUrl.js';

export interface DataKeyCopy {
  /** Keys in the source (including destroyed ones, kept so shredded secrets stay shredded, not "unknown"). */
  readonly keys: number;
  /** Keys the target did not have yet. */
  readonly inserted: number;
  /** Set when the source's master.key file was copied into an SQLite target's data dir. */
  readonly masterKeyFile: string | null;
}

const sourceKeys = async (source: Kysely<ReadModelDb> | null): Promise<DataKeysTable[]> => {
  if (!source) return [];
  const tables = await source.introspection.getTables();
  if (!tables.some((t) => t.name === 'data_keys')) return [];
  return source.selectFrom('data_keys').selectAll().orderBy('key_id').execute();
};

/**
 * The vault's data keys live in the read-model database, not in events (destroying one
 * must shred its secrets, which an immutable event could not allow), so copying events
 * alone would leave every secret in them undecryptable. The keys are copied still wrapped
 * by the master key: the target server needs the same master key.
 */
export const copyDataKeys = async (
  from: { readonly store: StoreLocation; readonly db: Kysely<ReadModelDb> | null },
  to: { readonly store: StoreLocation; readonly db: Kysely<ReadModelDb> },
): Promise<DataKeyCopy> => {
  const keys = await sourceKeys(from.db);
  const existing = new Map((await to.db.selectFrom('data_keys').selectAll().execute()).map((k) => [k.key_id, k]));
  for (const key of keys) {
    const there = existing.get(key.key_id);
    if (!there) continue;
    // A resumed copy finds its own keys again; a different key under the same id would
    // make one of the two sets of secrets unreadable.
    if (there.scope !== key.scope || there.wrapped_key !== key.wrapped_key || there.destroyed_at !== key.destroyed_at) {
      throw illegalState(`Data key ${key.key_id} (${key.scope}) differs between source and target read models; refusing to overwrite it`);
    }
  }
  const missing = keys.filter((k) => !existing.has(k.key_id));
  for (let i = 0; i < missing.length; i += 500) await to.db.insertInto('data_keys').values(missing.slice(i, i + 500)).execute();
  return { keys: keys.length, inserted: missing.length, masterKeyFile: copyMasterKeyFile(from.store, to.store) };
};

/**
 * The embedded default keeps the master key in `<dataDir>/master.key`. Between two SQLite
 * data dirs the file goes along (never overwriting one); elsewhere the operator sets
 * MAILROOM_MASTER_KEY, and the summary says so.
 */
const copyMasterKeyFile = (from: StoreLocation, to: StoreLocation): string | null => {
  if (from.kind !== 'sqlite' || to.kind !== 'sqlite') return null;
  const source = join(from.dataDir, MASTER_KEY_FILE);
  const target = join(to.dataDir, MASTER_KEY_FILE);
  if (!existsSync(source) || existsSync(target)) return null;
  copyFileSync(source, target);
  return target;
};
