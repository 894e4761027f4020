import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReadModelDb, sqliteReadModelPath, type ReadModelDatabase } from '../../src/db/database.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';

export type ReadModelKind = ReadModelDatabase['kind'];

export interface OpenedReadModelDb {
  readonly handle: ReadModelDatabase;
  /** A second, independent handle on the same database (a restarted process). */
  reopen(): Promise<ReadModelDatabase>;
  cleanup(): Promise<void>;
}

/** SQLite always; PostgreSQL when reachable (and required under CI=true). */
export const readModelKinds = async (): Promise<ReadModelKind[]> =>
  (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, empty read-model database: a temp-dir SQLite file or a new PostgreSQL schema. */
export const openReadModelDb = async (kind: ReadModelKind): Promise<OpenedReadModelDb> => {
  const handles: ReadModelDatabase[] = [];
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'mailroom-readmodels-'));
    const open = async () => {
      const h = await createReadModelDb({ kind: 'sqlite', path: sqliteReadModelPath(dir) });
      handles.push(h);
      return h;
    };
    return {
      handle: await open(),
      reopen: open,
      cleanup: async () => {
        for (const h of handles) await h.destroy();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createTestSchema();
  const open = async () => {
    const h = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 4 });
    handles.push(h);
    return h;
  };
  return {
    handle: await open(),
    reopen: open,
    cleanup: async () => {
      for (const h of handles) await h.destroy();
      await schema.drop();
    },
  };
};
