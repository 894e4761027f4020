import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createReadModelDb, sqliteReadModelPath, type ReadModelDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createEventStore } from '../../eventstore/index.js';
import type { EventStore } from '../../eventstore/port.js';
import { loadMasterKey } from '../../secrets/masterKey.js';
import { SecretVault } from '../../secrets/vault.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface Storage {
  readonly store: EventStore;
  readonly readModels: ReadModelDatabase;
  close(): Promise<void>;
}

/** Event store and read-model database for a config; shared by the server and the CLI. */
export const openStorage = async (config: Pick<Config, 'storage' | 'dataDir'>): Promise<Storage> => {
  if (config.storage.kind === 'sqlite') {
    mkdirSync(config.storage.dataDir, { recursive: true });
    const store = await createEventStore({ kind: 'sqlite', path: join(config.storage.dataDir, 'events.sqlite') });
    const readModels = await createReadModelDb({ kind: 'sqlite', path: sqliteReadModelPath(config.storage.dataDir) });
    return { store, readModels, close: async () => (await readModels.destroy(), await store.close()) };
  }
  if (config.storage.kind === 'kurrentdb') {
    // Events in KurrentDB; read models need SQL queries, so they stay in PostgreSQL.
    const store = await createEventStore({ kind: 'kurrentdb', connectionString: config.storage.connectionString });
    const readModels = await createReadModelDb({ kind: 'postgres', connectionString: config.storage.readModelsUrl });
    return { store, readModels, close: async () => (await readModels.destroy(), await store.close()) };
  }
  const store = await createEventStore({ kind: 'postgres', connectionString: config.storage.connectionString });
  const readModels = await createReadModelDb({ kind: 'postgres', connectionString: config.storage.connectionString });
  return { store, readModels, close: async () => (await readModels.destroy(), await store.close()) };
};

/** The server's storage: opened, and the read-model schema migrated to the latest version. */
export const openMigratedStorage = async (config: Config, logger: Logger): Promise<Storage> => {
  const storage = await openStorage(config);
  const migrated = await migrateToLatest(storage.readModels.db);
  if (migrated.executed.length > 0) logger.info({ migrations: migrated.executed }, 'read-model migrations applied');
  return storage;
};

/** The secret vault, refusing to start with a master key other than the one the data was sealed with. */
export const openVault = async (config: Config, storage: Storage): Promise<SecretVault> => {
  const vault = new SecretVault(storage.readModels.db, loadMasterKey({ envValue: config.masterKey, dataDir: config.dataDir }));
  await vault.verifyMasterKey();
  return vault;
};
