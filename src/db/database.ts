/**
 * The read-model database: SQLite (one file, the default for a single server) or
 * PostgreSQL. Both are reached through Kysely with the same `ReadModelDb` types; the
 * schema conventions (booleans 0/1, ISO-8601 text times, JSON as text) keep one set of
 * migrations portable.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { CurrentSchemaPostgresDialect } from './postgresDialect.js';
import type { ReadModelDb } from './schema.js';
import { configureReadModelSqlite, NodeSqliteDialect } from './sqliteDialect.js';

export type ReadModelDbConfig =
  | {
      readonly kind: 'sqlite';
      /** File path, or `:memory:`. Missing parent directories are created. */
      readonly path: string;
      /** @default 5000 */
      readonly busyTimeoutMs?: number;
    }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      /** @default 10 */
      readonly poolSize?: number;
    };

export interface ReadModelDatabase {
  readonly db: Kysely<ReadModelDb>;
  readonly kind: ReadModelDbConfig['kind'];
  /** Cheap liveness probe for `/readyz`; rejects when the database is unreachable. */
  ping(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * Where the server keeps the SQLite read models. Deliberately not the event store's file:
 * the event store appends synchronously on its own connection, and a Kysely transaction
 * held across awaits on the same file and thread would hold SQLite's write lock while
 * that append waits for it — a deadlock, not just contention.
 */
export const sqliteReadModelPath = (dataDir: string): string => join(dataDir, 'readmodels.sqlite');

export const createReadModelDb = async (config: ReadModelDbConfig): Promise<ReadModelDatabase> => {
  const db = config.kind === 'sqlite' ? openSqlite(config.path, config.busyTimeoutMs) : openPostgres(config);
  const handle: ReadModelDatabase = {
    db,
    kind: config.kind,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    destroy: () => db.destroy(),
  };
  // Fail at startup with the real cause (bad path, refused connection) rather than on
  // the first query.
  await handle.ping();
  return handle;
};

const openSqlite = (path: string, busyTimeoutMs?: number): Kysely<ReadModelDb> => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return new Kysely<ReadModelDb>({
    dialect: new NodeSqliteDialect({
      database: () => {
        const database = new DatabaseSync(path);
        configureReadModelSqlite(database, busyTimeoutMs);
        return database;
      },
    }),
  });
};

const openPostgres = (config: { connectionString: string; poolSize?: number }): Kysely<ReadModelDb> => {
  // int8 (bigint: positions, count(*)) arrives as a string by default. Positions stay far
  // below 2^53, so numbers are exact; the override is per pool so other pg users in the
  // process (the event store adapter) keep their own parsing.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: config.connectionString, max: config.poolSize ?? 10, types });
  return new Kysely<ReadModelDb>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
};
